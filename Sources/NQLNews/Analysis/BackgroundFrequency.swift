// A background model of general English for single-document keywords: common content
// words in approximate order of frequency in general and news English, written for NQL
// (not copied from a corpus). A word's probability follows Zipf's law from its rank.

import Foundation

/// Word probabilities in general English, from a rank list and Zipf's law.
public enum BackgroundFrequency {
    /// Ranks before the list's first word: the stop words, which hold the top ranks.
    static let offset = 100
    /// The rank given to any word not in the list.
    static let unknownRank = 20_000
    /// The Zipf normaliser for a vocabulary of about 100,000 words: ln(N) + γ.
    static let harmonic = log(100_000.0) + 0.5772

    /// Rank by word.
    static let ranks: [String: Int] = {
        var r: [String: Int] = [:]
        for (i, w) in words.enumerated() where r[w] == nil { r[w] = offset + i + 1 }
        return r
    }()

    /// The probability of a word in general English (Zipf: 1 / (rank × H)).
    public static func probability(_ word: String) -> Double {
        1 / (Double(ranks[word] ?? unknownRank) * harmonic)
    }

    /// The information content of a word in bits: -log2 p.
    public static func information(_ word: String) -> Double { -log2(probability(word)) }

    /// Common words, most frequent first.
    static let words: [String] = """
    said say says time year years people way day days man men thing things woman women life
    child children world school state states family student group country countries problem
    hand part place case week weeks company companies system program question work government
    number night point home water room mother area money story fact month months lot right
    study book eye job word business issue side kind head house service friend father power
    hour game line end member members law car city community name president team minute idea
    kid body information back parent face others level office door health person art war
    history party result change morning reason research girl guy moment air teacher force
    education get make go know take see come think look want give use find tell ask seem feel
    try leave call new good first last long great little old big high different small large
    next early young important public bad able one two three four five six seven eight nine
    ten hundred thousand million billion percent per cent well even back still way many much
    made went got told asked called took came gave used found going being known according
    including around another since later ago already today yesterday tomorrow told news
    report reports reported official officials minister ministry national international
    foreign security political military economic market markets price prices rate rates
    percent increase decrease rose fell share shares stock stocks bank banks trade deal
    talks meeting agreement support plan plans policy court police case cases election
    elections vote votes leader leaders region local recent former new top major senior
    statement spokesman spokeswoman press media source sources added told says noted
    however although despite among against toward towards several least less likely
    possible real best better sure free full special clear whole certain social human
    local late hard open past short low main general major strong final private true
    economy industry data growth sales cost costs oil energy gas food production
    president prime secretary chief director chairman head executive council committee
    department agency union army forces troops attack attacks killed dead death deaths
    war peace crisis conflict border capital city cities town village north south east
    west northern southern eastern western central united nation nations republic
    world global foreign domestic federal public private first second third last
    week monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december morning evening
    continue continued help helped show showed shows expected expect including include
    began begin start started set put keep kept hold held bring brought run ran move
    moved live lived believe believed happen happened provide provided sit stand lose
    lost pay paid meet met include continue learn lead led understand watch follow stop
    create speak read allow add spend grow open walk win offer remember love consider
    appear buy wait serve die send build stay fall cut reach kill remain suggest raise
    pass sell require decide return explain hope develop carry break receive agree
    support hit produce eat cover catch draw choose cause point listen realize place
    close involve thank announce announced plan planned accept face faced warned warn
    called calls told tell saying response issue issues need needs needed want wanted
    percent total amount average value level levels higher lower rise fall growth
    quarter annual yearly daily half early late earlier later end ended ending period
    term terms control interest interests development project projects process
    position role rights right left left center centre field area areas site sites
    road street building land sea river island coast air space sky weather fire
    police officer officers soldier soldiers judge lawyer doctor doctors patients
    hospital school schools university students teacher teachers church church
    internet online website video phone computer technology software network digital
    program programs service services product products model models design system
    systems test tests result results effort efforts action actions decision
    decisions change changes problem problems question questions answer answers
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
}
