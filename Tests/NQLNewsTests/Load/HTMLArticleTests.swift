import Foundation
import Testing

@testable import NQLNews

/// Choosing the body: feeds, teaser rails and split bodies (pages of our own writing).
@Suite struct HTMLArticleTests {
    func load(_ page: String) throws -> Article {
        let (articles, _) = ArticleLoader.load(text: page, format: "html", path: "p.html")
        return try #require(articles.first)
    }

    /// A page holding one `<article>`: the headline, then `body`.
    func storyPage(_ title: String, _ body: String) -> String {
        "<html><head><title>\(title)</title></head><body><article>\n<h1>\(title)</h1>\(body)</article></body></html>"
    }

    /// Eight readers' replies, each with its own name and time, under no "comment" class:
    /// together much longer than the story, yet not the story.
    @Test func aThreadOfRepliesLongerThanTheStoryIsLeftOut() throws {
        let replies = (1...8).map { n in
            """
            <li class="reply-item"><span class="who">reader\(n)</span> <time datetime="2024-03-0\(n % 9 + 1)">Mar \(n % 9 + 1)</time>
            <p>Honestly I have lived by that ferry landing for thirty years and nobody ever asked us, reply number \(n), so forgive me if I doubt the council will listen now.</p></li>
            """
        }.joined(separator: "\n")
        let page = """
            <html><head><title>Council votes to close the old ferry landing - Lakeside Courier</title></head><body>
            <div class="wrap"><div class="col">
            <h1>Council votes to close the old ferry landing</h1>
            <div class="txt"><p>The town council voted 5-2 on Tuesday night to close the Elm Street ferry landing by the end of the summer, citing repair costs.</p>
            <p>The landing, built in 1962, needs about $1.4 million in repairs to its pilings, according to an engineering report commissioned last year.</p>
            <p>Councilwoman Rita Alvarez, who voted no, said the town should apply for a state grant before giving up on the landing.</p></div>
            </div>
            <div class="col2"><h3>What readers say</h3><ol class="thread">\(replies)</ol></div>
            </div></body></html>
            """
        let a = try load(page)
        #expect(a.paragraphs.count == 3)
        #expect(a.text.hasPrefix("The town council voted 5-2"))
        #expect(!a.text.contains("ferry landing for thirty years"))
    }

    /// A live blog: the headline and its summary above a feed of timestamped updates.
    @Test func aLiveBlogGivesItsSummaryNotTheFeed() throws {
        let updates = (1...6).map { n in
            """
            <div class="update-card"><div class="stamp">\(n)h ago</div><h2>Update \(n): crews reach the north ridge</h2>
            <p>Firefighters said at a briefing that containment on the north ridge had improved overnight, update \(n), though winds were expected to pick up again by the afternoon.</p>
            <p>Evacuation orders for the valley remain in place, officials said, and the shelter at the high school has room for another two hundred people.</p></div>
            """
        }.joined(separator: "\n")
        let page = """
            <html><head><title>Ridge fire: live updates</title></head><body><main>
            <h1>Ridge fire forces thousands from their homes</h1>
            <div class="summary"><ul><li>The Ridge fire has burned 12,000 acres since Saturday and is 15% contained, according to the state fire agency.</li>
            <li>About 4,000 residents of the valley have been told to leave; two shelters are open in town.</li></ul></div>
            <div class="feed">\(updates)</div>
            </main></body></html>
            """
        let a = try load(page)
        #expect(a.text.contains("12,000 acres"))
        #expect(a.text.contains("4,000 residents"))
        #expect(!a.text.contains("north ridge"))
    }

    /// A listicle whose items have headings, with a rail of linked teasers inside the same column.
    @Test func aListicleKeepsItsItemsAndDropsTheRelatedRail() throws {
        let items = ["Pack a paper map", "Tell someone your route", "Carry more water than you think", "Turn back early"].enumerated().map { i, t in
            "<h2>\(i + 1). \(t)</h2><p>Item \(i + 1): rangers say most of the rescues they run each summer start with a small mistake like this one, made early in the day when everyone still feels fresh.</p>"
        }.joined(separator: "\n")
        let rail = ["The best day hikes within an hour of the city", "Why trail runners are switching shoes", "A guide to camping permits this year"].map { t in
            "<div class=\"tile\"><h3><a href=\"/x\">\(t)</a></h3><p>Our writers picked their favourites, with maps and tips for getting there.</p></div>"
        }.joined(separator: "\n")
        let page = """
            <html><head><title>Four rules for a safe hike</title></head><body><div class="column">
            <h1>Four rules for a safe hike</h1>
            <p>Summer brings more hikers to the foothills every year, and with them more calls to the county's search and rescue team.</p>
            \(items)
            <div class="more">\(rail)</div>
            </div></body></html>
            """
        let a = try load(page)
        for i in 1...4 { #expect(a.text.contains("Item \(i):")) }
        #expect(a.text.contains("Turn back early"))
        #expect(!a.text.contains("Our writers picked"))
        #expect(!a.text.contains("camping permits"))
    }

    /// A linked item heading with its paragraphs under it is a listicle item, not a teaser.
    @Test func aLinkedItemHeadingWithItsTextStays() throws {
        let page = """
            <html><head><title>Three kettles we liked</title></head><body><article>
            <h1>Three kettles we liked</h1>
            <p>We boiled a lot of water this winter so you do not have to, and three kettles stood out from the rest of the pack.</p>
            <div class="pick"><h2><a href="/buy/1">The Stovetop Classic</a></h2><p>It whistles loudly, heats evenly on gas and induction, and the handle stays cool; the only complaint from our testers was the weight when full.</p><p>At $35 it was also the cheapest of the kettles we tried, and it comes with a ten-year warranty.</p></div>
            </article></body></html>
            """
        let a = try load(page)
        #expect(a.text.contains("whistles loudly"))
        #expect(a.text.contains("ten-year warranty"))
    }

    /// A body split into sibling blocks by advertisements is joined back together.
    @Test func aBodySplitByAdsIsJoined() throws {
        let page = """
            <html><head><title>Bakery wins regional prize</title></head><body><div id="page">
            <h1>Bakery wins regional prize</h1>
            <div class="text-block"><p>A family bakery on Harbor Road won the regional bread prize on Saturday for its rye sourdough, beating forty entries.</p>
            <p>Owner Lena Brandt said the recipe came from her grandmother, who baked in the same oven for forty years.</p></div>
            <div class="ad-slot">Advertisement</div>
            <div class="text-block"><p>The judges praised the crust and the sour, even crumb, and said the loaf kept well for three days.</p>
            <p>The bakery will now compete in the national final in Hamburg in October, Brandt said.</p></div>
            <div class="ad-slot">Advertisement</div>
            <div class="text-block"><p>"We will bake the same bread we bake every morning," she said. "Nothing special, just on time."</p></div>
            <div class="text-block"><h3>Past winners</h3><ul><li>2023: Mill Lane Bakery</li><li>2022: Brandt's</li><li>2021: Korn &amp; Co</li></ul></div>
            <div class="text-block"><ul><li><a href="/a">Share</a></li><li><a href="/b">Tweet</a></li><li><a href="/c">Email this story</a></li></ul></div>
            </div></body></html>
            """
        let a = try load(page)
        #expect(a.paragraphs.count == 9)
        #expect(a.text.hasPrefix("A family bakery"))
        #expect(a.text.contains("national final in Hamburg"))
        #expect(a.text.contains("just on time."))
        // A block of the same kind holding only a heading and a list belongs to the body; links do not.
        #expect(a.text.hasSuffix("2021: Korn & Co"))
        #expect(!a.text.contains("Advertisement"))
        #expect(!a.text.contains("Email this story"))
    }

    /// The standfirst printed under the headline opens the body and names the sub-headline;
    /// a dek element holding a byline does not.
    @Test func theStandfirstOpensTheBody() throws {
        let body = """
            <p>The county opened its third cooling center on Monday as temperatures passed 40C for the fifth day running.</p>
            <p>Officials said the centers at the library and the senior hall had taken in about 300 people over the weekend.</p>
            <p>Buses to the centers are free until Sunday, and volunteers will check on older residents who live alone.</p>
            </article><div class="more"><a href="/1">Traffic</a> <a href="/2">Weather radar</a> <a href="/3">Obituaries</a>
            <a href="/4">School closings and delays for the county</a> <a href="/5">Lottery results</a> <a href="/6">Contact the newsroom</a></div><article>
            """
        let withDek = try load("""
            <html><head><title>Heat wave: third cooling center opens</title></head><body><header>
            <h1>Heat wave: third cooling center opens</h1>
            <p class="article-dek">Hundreds have sought shelter from the heat as forecasters warn of another week above 40C.</p>
            </header><article>\(body)</article></body></html>
            """)
        #expect(withDek.subtitle == ["Hundreds have sought shelter from the heat as forecasters warn of another week above 40C."])
        #expect(withDek.paragraphs.count == 4)
        #expect(withDek.text.hasPrefix("Hundreds have sought shelter"))
        let described = try load("""
            <html><head><title>Heat wave: third cooling center opens</title>
            <meta name="description" content="Hundreds have sought shelter from the heat as forecasters warn of another week above 40C."></head><body>
            <h1>Heat wave: third cooling center opens</h1>
            <div class="top"><span>Hundreds have sought shelter from the heat as forecasters warn of another week above 40C.</span></div>
            <article>\(body)</article></body></html>
            """)
        #expect(described.subtitle.count == 1)
        #expect(described.text.hasPrefix("Hundreds have sought shelter"))
        let byline = try load("""
            <html><head><title>Heat wave: third cooling center opens</title></head><body>
            <h1>Heat wave: third cooling center opens</h1>
            <p class="subhead">By Maria Lopez and Tom Okafor, county desk</p>
            <article>\(body)</article></body></html>
            """)
        #expect(byline.text.hasPrefix("The county opened"))
    }

    /// The story and the next stories, each an <article>: the one holding the headline is the body.
    @Test func theArticleWithTheHeadlineWins() throws {
        let others = (1...3).map { n in
            """
            <article class="story"><h2>Night market \(n) returns to the old rail yard</h2>
            <p>Vendors selling dumplings, tacos and grilled corn will be back every Friday from June, the organisers said, number \(n), with live music.</p>
            <p>Parking is limited, so organisers ask visitors to come by bike or take the number 4 bus, which runs late on market nights.</p></article>
            """
        }.joined(separator: "\n")
        let page = """
            <html><head><title>Library reopens after flood repairs</title></head><body><div class="main">
            <article class="story"><h1>Library reopens after flood repairs</h1>
            <p>The central library reopened on Saturday, eleven months after a burst main flooded its basement and ruined 20,000 books.</p>
            <p>Repairs cost $2.3 million, most of it covered by insurance, the city said, and the children's room has been moved upstairs.</p>
            </article>
            \(others)
            </div></body></html>
            """
        let a = try load(page)
        #expect(a.paragraphs.count == 2)
        #expect(a.text.contains("$2.3 million"))
        #expect(!a.text.contains("Vendors"))
    }

    /// A timeline whose sections are titled by dates is one story, not a feed; so is a
    /// live blog with nothing above its updates.
    @Test func datedSectionsAndABareLiveBlogStayWhole() throws {
        let sections = ["March 3", "April 19", "June 2", "August 30"].map { day in
            "<section><h2><time datetime=\"2024\">\(day)</time></h2><p>On \(day) the dam's inspectors found another crack in the spillway and reported it to the state, which asked for a full survey before the autumn rains.</p></section>"
        }.joined(separator: "\n")
        let timeline = try load("""
            <html><head><title>How the spillway failed: a timeline</title></head><body><main>
            <h1>How the spillway failed: a timeline</h1>\(sections)</main></body></html>
            """)
        #expect(timeline.paragraphs.count >= 4)
        #expect(timeline.text.contains("On August 30"))
        let updates = (1...4).map { n in
            "<div class=\"post\"><span class=\"timestamp\">\(n)h ago</span><h2>Update \(n)</h2><p>Update \(n): the count in the third district continues, with the two candidates separated by fewer than two hundred votes.</p></div>"
        }.joined(separator: "\n")
        let live = try load("""
            <html><head><title>Election night: live</title></head><body><main>
            <h1>Election night: live</h1><div class="posts">\(updates)</div></main></body></html>
            """)
        #expect(live.text.contains("Update 1:"))
        #expect(live.text.contains("Update 4:"))
    }

    /// A weekly round-up: the editor's note, then sections of other pages, each a linked
    /// title (left out as a line of links) or a paragraph opening with its link, and a blurb.
    /// The blurbs are not the story; the editor's note is.
    @Test func aRoundUpOfOtherPagesEndsTheBody() throws {
        let picks = ["Quilting the harbour", "A year of sourdough", "Bus stops, ranked", "Why my tomatoes failed", "The bridge at dusk"].enumerated().map { i, t in
            """
            <p><a href="/post/\(i)"><strong>\(t)</strong></a> (by <a href="/u/\(i)">@reader\(i)</a>)</p>
            <figure><img src="/i/\(i).jpg"><figcaption>From the post</figcaption></figure>
            <p>Pick \(i): one of our regulars wrote this week about \(t.lowercased()), with photos, a few wrong turns and a list of what they would do differently next time around.</p>
            """
        }.joined(separator: "\n")
        let reviews = (1...3).map { n in
            "<p><a href=\"/r/\(n)\">@critic\(n)'s take on the new tram line</a> weighs the timetable against the old bus routes, review \(n), and asks whether the fares will last past the first year.</p>"
        }.joined(separator: "\n")
        let page = """
            <html><head><title>Community notes: week 49</title></head><body><div class="content-body">
            <h1>Community notes: week 49</h1>
            <p>Welcome back to the community notes, where each week we gather what you made, wrote and argued about on the forums.</p>
            <p>This edition is a day late because of the holiday market, where a few dozen of you came by the stall to say hello; thank you.</p>
            <p>A reminder that the photo contest closes on Friday at noon; the theme this month is "windows", and the winner gets a print of their own, framed by the shop on Quay Street.</p>
            <h2>From your blogs</h2>
            \(picks)
            <h2>Reviews</h2>
            \(reviews)
            </div></body></html>
            """
        let a = try load(page)
        #expect(a.text.hasPrefix("Welcome back to the community notes"))
        #expect(a.text.contains("thank you."))
        #expect(a.text.contains("framed by the shop on Quay Street."))
        #expect(!a.text.contains("Pick 0:"))
        #expect(!a.text.contains("Pick 4:"))
        #expect(!a.text.contains("review 3"))
        // The page's JSON-LD `articleBody` holds the round-up too; it does not bring it back.
        let blurbs = (0...4).map { "Pick \($0): one of our regulars wrote this week about it, with photos, a few wrong turns and a list of what they would do differently." }
        let ld = """
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Community notes: week 49",
            "articleBody": "Welcome back to the community notes. \(String(repeating: blurbs.joined(separator: " "), count: 3))"}</script></head>
            """
        let withData = try load(page.replacingOccurrences(of: "</head>", with: ld))
        #expect(withData.text.hasPrefix("Welcome back to the community notes"))
        #expect(!withData.text.contains("Pick 0:"))
    }

    /// A gift guide: each item under its own heading, a "buy" link, then its text. Those are
    /// the story's items, not a round-up of other pages.
    @Test func aListicleWithBuyLinksKeepsItsItems() throws {
        let items = ["A cast-iron pan", "Wool socks", "A bird feeder", "A jigsaw of the coast", "A pocket torch"].enumerated().map { i, t in
            """
            <h3>\(i + 1). \(t)</h3><p><a href="https://shop.example/\(i)">$\(20 + i * 5) at Harbour Goods</a></p>
            <p>Gift \(i + 1): our tester used it every day for a month, and it held up better than the pricier ones we tried, which is why it made the list this year.</p>
            """
        }.joined(separator: "\n")
        let page = """
            <html><head><title>Five gifts under $50</title></head><body><article>
            <h1>Five gifts under $50</h1>
            <p>Shopping for someone who says they want nothing is hard, so we asked our writers what they actually used all year long.</p>
            <p>Everything here costs less than fifty dollars, ships in a week, and was bought with our own money; we earn nothing from the links.</p>
            <p>Prices were checked on Monday morning and may have changed since then, as they often do in the weeks before the holidays, so check before you order. Two of the five are made by small shops near the harbour, which also take orders by phone.</p>
            \(items)
            </article></body></html>
            """
        let a = try load(page)
        for i in 1...5 { #expect(a.text.contains("Gift \(i):")) }
    }

    /// A story with a box of links to other stories after every second paragraph keeps
    /// its paragraphs: each pair follows a line of links, yet they are not blurbs.
    @Test func aStoryInterleavedWithLinkBoxesKeepsItsParagraphs() throws {
        let paras = (1...10).map { n in
            "<p>Paragraph \(n): the ferry operator said on Sunday that the winter timetable would keep two sailings a day, fewer than the island's council had asked for, and that the old vessel would be back in service by March.</p>"
        }
        var body = ""
        for k in 0..<5 {
            body += paras[2 * k] + paras[2 * k + 1]
            if k < 4 { body += "<div class=\"inline-links\"><a href=\"/s/\(k)\">Island school to stay open</a> <a href=\"/t/\(k)\">Harbour fees rise</a></div>" }
        }
        let a = try load(storyPage("Ferry keeps two winter sailings", body))
        for n in 1...10 { #expect(a.text.contains("Paragraph \(n):")) }
    }

    /// A story with two "read more" links between its paragraphs keeps every paragraph:
    /// its own prose breaks any run of blurbs.
    @Test func aStoryWithReadMoreLinksKeepsItsParagraphs() throws {
        let paras = (1...8).map { n in
            "<p>Paragraph \(n) of the story: the water board met again on Thursday and heard from residents about the boil notice, which has now lasted nine days.</p>"
        }
        let body = paras[0...1].joined() + "<p><a href=\"/x\">Read more: how the boil notice began</a></p>" + paras[2...4].joined()
            + "<p><a href=\"/y\">Related: the board's budget vote</a></p>" + paras[5...7].joined()
        let a = try load(storyPage("Boil notice enters second week", body))
        for n in 1...8 { #expect(a.text.contains("Paragraph \(n) of the story")) }
    }

    /// A "References" heading closes the story: the sources and the excerpts after it are not the body.
    @Test func aReferencesHeadingClosesTheBody() throws {
        let page = """
            <html><head><title>Ana Ruiz and Tom Beck</title></head><body><div class="profile">
            <h1>Ana Ruiz and Tom Beck</h1>
            <p class="summary">Ana Ruiz was reported to be dating Tom Beck in the spring of 2019, after the two were seen together at a festival.</p>
            <h4>About</h4>
            <p class="about">Ana Ruiz is a 34 year old Spanish singer. Born in Valencia, she is known for two albums of folk songs and a long tour.</p>
            <p class="about">Tom Beck is a 37 year old British drummer. Born in Leeds, he has played with several bands since the early 2000s.</p>
            <h4>References</h4>
            <ul><li><a href="https://example.com/a">example.com/music/ana-ruiz-new-album-2019</a></li></ul>
            <h4>Statistics</h4>
            <p>The pair were first seen together in April 2019, a magazine wrote at the time, walking near the harbour after a late show.</p>
            </div></body></html>
            """
        let a = try load(page)
        #expect(a.text.contains("long tour."))
        #expect(a.text.contains("since the early 2000s."))
        #expect(!a.text.contains("first seen together"))
        #expect(!a.text.contains("References"))
    }

    /// A comment thread under a "4 Comments" heading, in blocks with no telling class: not the story.
    @Test func aCommentCountHeadingClosesTheBody() throws {
        let replies = (1...4).map { n in
            "<div class=\"c\"><p>Reply \(n): we sat in that queue for an hour last week and nobody told us anything, so I am glad someone is finally writing about the pool.</p></div>"
        }.joined()
        let page = """
            <html><head><title>Pool reopens with shorter hours</title></head><body><div class="entry">
            <h1>Pool reopens with shorter hours</h1>
            <p>The public pool on Linden Avenue reopened on Saturday after its boiler was replaced, but it will close at six instead of nine.</p>
            <p>The parks department said it could not hire enough lifeguards for the evening shifts and would review the hours in March.</p>
            <h3>4 Comments</h3>\(replies)
            </div></body></html>
            """
        let a = try load(page)
        #expect(a.text.contains("review the hours in March."))
        #expect(!a.text.contains("Reply 1:"))
        #expect(PageWalker.isCommentCount("12 thoughts on “Pool reopens”"))
        #expect(!PageWalker.isCommentCount("12 ways to swim faster"))
    }

    /// A heading that ends the body titles what was left out (a rail of links, a table of
    /// figures): it goes too.
    @Test func aHeadingWithNothingUnderItEndsNoBody() throws {
        let page = """
            <html><head><title>Night buses return</title></head><body><article>
            <h1>Night buses return</h1>
            <p>Night buses will run again on the three busiest routes from January, the transit authority said, after a two-year pause.</p>
            <p>The buses will leave the central station every forty minutes between midnight and five, seven nights a week.</p>
            <h3>More transit news</h3>
            <ul><li><a href="/a">Tram works close Mill Street</a></li><li><a href="/b">Fares to rise in spring</a></li></ul>
            </article></body></html>
            """
        let a = try load(page)
        #expect(a.text.hasSuffix("seven nights a week."))
    }

    /// A guide page that is not an article (no article metadata) whose body is a catalogue
    /// of records, each a heading over labelled fields: the body is its lead. The same
    /// page declared an article keeps its records.
    @Test func aCatalogueGivesItsLead() throws {
        let names = ["Old Mill", "Fox Hollow", "Cedar Gap", "Salt Flats", "North Cairn", "Pike Pond", "Heron Bank", "Long Ridge", "Bell Rock", "Quarry Loop"]
        let records = names.map { name in
            """
            <h4>\(name) Trail</h4><ul><li><a href="/t/\(name)">\(name) trail guide</a></li></ul>
            <p><b>Difficulty</b>: Moderate</p><p><b>Season</b>: April to October</p>
            <p><b>Start</b>: The \(name) trail begins at the gravel car park off the county road, past the second cattle grid.</p>
            <p><b>Length</b>: 7 km</p>
            """
        }.joined(separator: "\n")
        func page(_ type: String) -> String {
            """
            <html><head><title>All trails in the Vale</title><meta property="og:type" content="\(type)"></head><body>
            <div class="wiki-page">
            <h1>All trails in the Vale</h1>
            <p>The Vale has forty marked trails, from flat river walks to two steep ridge routes that need a full day and good boots.</p>
            <p>This guide lists every trail by area, with where it starts, how long it is and when it is open, so you can pick one that suits you.</p>
            <h2>Trail map</h2><p>Use the map to find the trails near you, or read on for the full list by area below.</p>
            \(records)
            </div></body></html>
            """
        }
        let guide = try load(page("website"))
        #expect(guide.paragraphs.count == 2)
        #expect(guide.text.hasPrefix("The Vale has forty marked trails"))
        let article = try load(page("article"))
        #expect(article.text.contains("Pike Pond trail begins"))
    }
}
