import Testing

@testable import NQLNews

/// The shipped recogniser (loaded once for all tests).
func recognizer() throws -> EntityRecognizer { try EntityRecognizer.shared() }

/// Mentions of `text` as (text, type) pairs.
func found(_ text: String) throws -> [(String, EntityType)] {
    try recognizer().mentions(in: text).map { ($0.text, $0.type) }
}

/// Whether `text` has a mention with exactly this surface and type.
func has(_ text: String, _ surface: String, _ type: EntityType) throws -> Bool {
    try recognizer().mentions(in: text).contains { $0.text == surface && $0.type == type }
}

/// A news article in the style users load (our own writing): page furniture, a headline, officials with titles,
/// weapons, a date, money and a copyright footer.
let seedLikeArticle = """
    Skip to main content

    Font Size

    US-Japan Defense Chiefs Pledge Closer Missile Production

    Second 2+2 Session in Tokyo This Year

    Washington and Tokyo agreed on Tuesday to expand joint production of air defense missiles, citing growing \
    pressure from China and North Korea.

    The talks, held in Tokyo on the 28th, were joined by U.S. Secretary of State Antony Blinken and Secretary of \
    Defense Lloyd Austin, along with Japanese Foreign Minister Yoshimasa Hayashi and Defense Minister Minoru Kihara, \
    according to Kyodo News.

    Blinken said the allies would also upgrade U.S. Forces Japan so that it can work more closely with the Japan \
    Self-Defense Forces. Austin added that the Self-Defense Forces would take part in more joint drills.

    In April, U.S. President Joe Biden and Japanese Prime Minister Fumio Kishida had agreed at a summit in the \
    United States to strengthen command ties. The last such meeting was held in Washington in January of last year.

    The two countries said they would look for ways to build more AMRAAM medium-range air-to-air missiles and \
    Patriot (PAC-3) interceptors. Japan plans to spend $1.5 billion, about 5% of its defense budget, on the effort \
    by July 28, 2024.

    © The Asia Business Daily(www.asiae.co.kr). All rights reserved.
    """
