/// The team's own small gazetteers: places, nationalities, products, media, titles and aliases.
/// Entries are matched token by token, case-sensitively, after tokenisation with `Tokenizer`.
enum EntityLexicon {
    /// Canonical name -> other names of the same place or organisation.
    static let aliasGroups: [String: [String]] = [
        "United States": ["U.S.", "US", "U.S.A.", "USA", "America", "United States of America", "the United States"],
        "United Kingdom": ["U.K.", "UK", "Britain", "Great Britain"],
        "South Korea": ["Korea", "Republic of Korea", "ROK", "S. Korea"],
        "North Korea": ["DPRK", "Democratic People's Republic of Korea", "N. Korea"],
        "China": ["PRC", "People's Republic of China", "mainland China"],
        "Russia": ["Russian Federation"],
        "European Union": ["EU", "E.U."],
        "United Nations": ["UN", "U.N."],
        "North Atlantic Treaty Organization": ["NATO"],
        "Japan Self-Defense Forces": ["Self-Defense Forces", "SDF", "JSDF"],
        "U.S. Forces Japan": ["US Forces Japan", "United States Forces Japan", "USFJ"],
        "United Arab Emirates": ["UAE", "U.A.E."],
        "Soviet Union": ["USSR", "U.S.S.R."],
    ]

    static let countries: [String] = [
        "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia", "Austria",
        "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin",
        "Bhutan", "Bolivia", "Bosnia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria",
        "Burkina Faso", "Burma", "Burundi", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China",
        "Colombia", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia", "Denmark",
        "Djibouti", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Eritrea", "Estonia", "Ethiopia",
        "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Guatemala",
        "Guinea", "Guyana", "Haiti", "Honduras", "Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Iran",
        "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya",
        "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya",
        "Liechtenstein", "Lithuania", "Luxembourg", "Macau", "Macedonia", "Madagascar", "Malawi", "Malaysia",
        "Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico", "Moldova", "Monaco", "Mongolia",
        "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands", "New Zealand",
        "Nicaragua", "Niger", "Nigeria", "North Korea", "Norway", "Oman", "Pakistan", "Palestine", "Panama",
        "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia",
        "Rwanda", "Saudi Arabia", "Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia", "Slovenia",
        "Somalia", "South Africa", "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname",
        "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo", "Tunisia",
        "Turkey", "Türkiye", "Turkmenistan", "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom",
        "United States", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe",
        "Britain", "England", "Scotland", "Wales", "Northern Ireland", "America", "U.S.", "US", "USA", "U.S.A.",
        "U.K.", "UK", "Korea", "Soviet Union", "USSR", "UAE",
    ]

    static let cities: [String] = [
        "Tokyo", "Seoul", "Beijing", "Shanghai", "Washington", "New York", "London", "Paris", "Berlin", "Moscow",
        "Kyiv", "Kiev", "Pyongyang", "Osaka", "Busan", "Incheon", "Hiroshima", "Nagasaki", "Okinawa", "Yokohama",
        "Kyoto", "Taipei", "Manila", "Hanoi", "Bangkok", "Jakarta", "Delhi", "New Delhi", "Mumbai", "Karachi",
        "Islamabad", "Kabul", "Tehran", "Baghdad", "Damascus", "Beirut", "Jerusalem", "Tel Aviv", "Gaza", "Cairo",
        "Riyadh", "Dubai", "Doha", "Ankara", "Istanbul", "Athens", "Rome", "Madrid", "Lisbon", "Brussels",
        "Amsterdam", "Vienna", "Warsaw", "Prague", "Budapest", "Stockholm", "Oslo", "Helsinki", "Copenhagen",
        "Geneva", "Zurich", "Frankfurt", "Munich", "Milan", "Dublin", "Edinburgh", "Ottawa", "Toronto", "Montreal",
        "Vancouver", "Chicago", "Los Angeles", "San Francisco", "Boston", "Houston", "Miami", "Seattle", "Dallas",
        "Atlanta", "Detroit", "Philadelphia", "Hawaii", "Guam", "Honolulu", "Sydney", "Melbourne", "Canberra",
        "Singapore", "Hong Kong", "Mexico City", "Sao Paulo", "Rio de Janeiro", "Buenos Aires", "Lima", "Bogota",
        "Santiago", "Caracas", "Havana", "Nairobi", "Lagos", "Johannesburg", "Cape Town", "Addis Ababa",
        "Khartoum", "Tripoli", "Tunis", "Algiers", "Minsk", "Tbilisi", "Baku", "Yerevan", "Astana", "Tashkent",
        "Ulaanbaatar", "Vladivostok", "St. Petersburg", "Kharkiv", "Odesa", "Odessa", "Crimea", "Donetsk",
        "Luhansk", "Sapporo", "Nagoya", "Fukuoka", "Daegu", "Gwangju", "Daejeon", "Ulsan", "Sejong", "Jeju",
        "Panmunjom", "Kaesong", "Macau", "Wuhan", "Shenzhen", "Guangzhou", "Hong Kong", "Xinjiang", "Tibet",
        "California", "Texas", "Florida", "Virginia", "Alaska",
    ]

    /// Short capital-letter abbreviations of places (US states and territories, Australian and Canadian states
    /// and provinces, and a few cities and countries): a short all-capitals "place" not here is no place ("AI").
    static let placeAbbreviations: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
        "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
        "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU",
        "NSW", "QLD", "VIC", "TAS", "ACT", "WA", "NT", "SA", "BC", "ON", "QC", "AB", "MB", "NS", "NB", "PE", "NL",
        "SK", "YT", "NU", "NYC", "LA", "HK", "UK", "US", "USA", "UAE", "DRC", "PRC", "ROK", "DPRK", "EU",
    ]

    /// Non-political locations.
    static let locations: [String] = [
        "Asia", "Europe", "Africa", "North America", "South America", "Latin America", "Oceania", "Antarctica",
        "Middle East", "Far East", "Central Asia", "East Asia", "Southeast Asia", "South Asia", "Northeast Asia",
        "Indo-Pacific", "Asia-Pacific", "Pacific", "Atlantic", "Arctic", "Indian Ocean", "Pacific Ocean",
        "Atlantic Ocean", "Mediterranean", "Baltic", "Balkans", "Caribbean", "Korean Peninsula", "Taiwan Strait",
        "South China Sea", "East China Sea", "Sea of Japan", "East Sea", "Yellow Sea", "Persian Gulf", "Gulf",
        "Red Sea", "Black Sea", "Caspian Sea", "Strait of Hormuz", "Sahara", "Alps", "Himalayas", "Siberia",
        "Scandinavia", "West Bank", "Gaza Strip", "Golan Heights", "Sinai", "Kashmir", "Amazon", "Nile",
        "Danube", "Rhine", "Mekong", "Yangtze", "Mount Everest", "Mount Fuji", "Western Europe",
        "Eastern Europe", "Central Europe", "Northern Europe", "Southern Europe", "West Africa", "East Africa",
        // Seats of government are places (as CoNLL annotates them), not polities.
        "Kremlin", "Élysée", "Elysee", "Zhongnanhai",
    ]

    static let nationalities: [String] = [
        "American", "Japanese", "Korean", "South Korean", "North Korean", "Chinese", "Russian", "British",
        "English", "Scottish", "Welsh", "Irish", "French", "German", "Italian", "Spanish", "Portuguese", "Dutch",
        "Belgian", "Swiss", "Austrian", "Swedish", "Norwegian", "Danish", "Finnish", "Polish", "Czech", "Slovak",
        "Hungarian", "Romanian", "Bulgarian", "Greek", "Turkish", "Ukrainian", "Belarusian", "Georgian",
        "Armenian", "Azerbaijani", "Kazakh", "Uzbek", "Mongolian", "Taiwanese", "Vietnamese", "Thai", "Filipino", "Philippine",
        "Indonesian", "Malaysian", "Singaporean", "Burmese", "Cambodian", "Indian", "Pakistani", "Afghan",
        "Bangladeshi", "Sri Lankan", "Nepalese", "Iranian", "Iraqi", "Syrian", "Lebanese", "Israeli",
        "Palestinian", "Jordanian", "Saudi", "Emirati", "Qatari", "Kuwaiti", "Yemeni", "Egyptian", "Libyan",
        "Tunisian", "Algerian", "Moroccan", "Sudanese", "Ethiopian", "Somali", "Kenyan", "Nigerian", "Ghanaian",
        "South African", "Zimbabwean", "Canadian", "Mexican", "Cuban", "Brazilian", "Argentine", "Argentinian",
        "Chilean", "Colombian", "Peruvian", "Venezuelan", "Australian", "New Zealander", "Serbian", "Croatian",
        "Bosnian", "Slovenian", "Albanian", "Macedonian", "Estonian", "Latvian", "Lithuanian", "Icelandic",
        "European", "Asian", "African", "Arab", "Western", "Soviet", "Kurdish", "Kurd", "Tamil", "Sikh",
        "Muslim", "Christian", "Jewish", "Catholic", "Protestant", "Buddhist", "Hindu", "Sunni", "Shi'ite",
        "Shiite", "Shia", "Islamic", "Democrat", "Democratic", "Republican", "Communist", "Socialist",
        "Israelis", "Palestinians", "Americans", "Koreans",
        "Russians", "Germans", "Canadians", "Australians", "Indians", "Pakistanis", "Iranians", "Iraqis",
        "Syrians", "Afghans", "Ukrainians", "Arabs", "Kurds", "Muslims", "Christians", "Jews", "Catholics",
        "Democrats", "Republicans", "Communists", "Socialists", "Europeans",
        "Asians", "Africans", "Italians", "Mexicans", "Brazilians", "Filipinos", "Serbs", "Croats",
    ]

    static let products: [String] = [
        "AMRAAM", "Patriot", "PAC-3", "PAC3", "PAC-2", "PAC-3 MSE", "F-35", "F-35A", "F-35B", "F-35C", "F-16",
        "F-15", "F-15K", "F-22", "F-18", "F/A-18", "B-52", "B-1B", "B-2", "B-21", "HIMARS", "ATACMS", "Tomahawk",
        "THAAD", "Aegis", "SM-2", "SM-3", "SM-6", "Javelin", "Stinger", "Hellfire", "Harpoon", "Abrams",
        "Leopard 2", "Black Hawk", "Chinook", "Osprey", "MV-22", "V-22", "MQ-9",
        "MQ-9 Reaper", "Global Hawk", "RQ-4", "Iskander", "Kinzhal", "Kalibr", "S-300",
        "S-400", "S-500", "Sarmat", "Shahed", "Su-27", "Su-30", "Su-34", "Su-35", "Su-57", "MiG-29", "MiG-31",
        "Tu-95", "Tu-160", "Rafale", "Gripen", "Eurofighter", "KF-21", "K2", "K9", "Chunmoo",
        "Hwasong-15", "Hwasong-17", "Hwasong-18", "Hyunmoo", "Iron Dome", "David's Sling", "Minuteman", "Storm Shadow", "NASAMS", "IRIS-T", "Starlink", "iPhone", "iPad",
        "ChatGPT", "Boeing 737", "Boeing 747", "Boeing 777", "Boeing 787", "Airbus A320", "A320",
        "A380", "Concorde", "Model 3", "Model S", "Model Y", "Cybertruck", "PlayStation", "Xbox",
    ]

    /// News agencies and papers, forced to ORG (with their leading "The" when it is part of the name).
    static let media: [String] = [
        "The Asia Business Daily", "Asia Business Daily", "Asia Economy", "Yonhap", "Yonhap News",
        "Yonhap News Agency", "Kyodo", "Kyodo News", "Jiji Press", "AFP", "Agence France-Presse", "Reuters", "Reuter",
        "Associated Press", "AP", "Bloomberg", "Xinhua", "TASS", "KCNA", "Korean Central News Agency",
        "The New York Times", "New York Times", "The Washington Post", "Washington Post", "The Wall Street Journal",
        "Wall Street Journal", "Financial Times", "The Economist", "The Guardian", "The Times", "BBC", "CNN",
        "NHK", "Al Jazeera", "The Korea Herald", "Korea Herald", "The Korea Times", "Korea Times",
        "Korea JoongAng Daily", "JoongAng Ilbo", "Chosun Ilbo", "Dong-A Ilbo", "Hankyoreh",
        "Asahi Shimbun", "Yomiuri Shimbun", "Mainichi Shimbun", "The Japan Times", "Japan Times",
        "South China Morning Post", "Global Times", "People's Daily", "Le Monde", "Der Spiegel", "Politico",
        "Axios", "Fox News", "NBC", "ABC", "CBS", "MSNBC", "NPR", "Sankei Shimbun",
    ]

    /// Military and government bodies whose names start with a place ("U.S. Forces Japan"),
    /// which the tagger splits into a place and a fragment; forced to ORG like the media.
    static let organisations: [String] = [
        "U.S. Forces Japan", "US Forces Japan", "United States Forces Japan", "U.S. Forces Korea", "US Forces Korea",
        "United States Forces Korea", "U.S. Indo-Pacific Command", "U.S. Pacific Fleet", "U.S. Seventh Fleet",
        "U.N. Security Council", "UN Security Council", "United Nations Security Council",
        "Japan Self-Defense Forces", "Japan Ground Self-Defense Force", "Japan Maritime Self-Defense Force",
        "Japan Air Self-Defense Force", "Joint Operations Command", "Korean People's Army", "People's Liberation Army",
        "South Korean Joint Chiefs of Staff", "Joint Chiefs of Staff",
    ]

    /// Last words of a media name: "The X Daily" is an organisation.
    static let mediaHeads: Set<String> = [
        "Daily", "Times", "Post", "Journal", "Herald", "News", "Tribune", "Gazette", "Chronicle", "Telegraph",
        "Observer", "Shimbun", "Ilbo", "Economist", "Review", "Weekly", "Monitor", "Independent",
    ]

    /// Words that head a title or role ("Minister", "Secretary").
    static let roleHeads: Set<String> = [
        "President", "Vice-President", "Minister", "Secretary", "Chancellor", "Premier", "Governor", "Senator",
        "Ambassador", "Envoy", "Director", "Chairman", "Chairwoman", "Chair", "Chief", "Officer", "CEO", "CFO",
        "COO", "General", "Admiral", "Commander", "Spokesman", "Spokeswoman", "Spokesperson", "King", "Queen",
        "Prince", "Princess", "Pope", "Mayor", "Judge", "Justice", "Representative", "Rep.", "Sen.", "Gen.",
        "Adm.", "Lt.", "Col.", "Gov.", "Leader", "Speaker", "Lawmaker", "Attorney", "Prosecutor", "Coach",
        "Manager", "Head", "Emperor", "Sheikh", "Ayatollah", "Cardinal", "Archbishop", "Bishop", "Chief Executive",
        "Colonel", "Captain", "Lieutenant", "Sergeant", "Major", "Marshal", "Counselor", "Adviser", "Advisor",
        "Commissioner", "Administrator", "Deputy", "Undersecretary", "Under-Secretary", "Chief of Staff",
        "Founder", "Publisher", "Editor", "Professor", "Dr.", "Mr.", "Mrs.", "Ms.",
    ]

    /// Occupations named after an employer ("Smith Barney analyst John Doe", "an economist at Nomura", "Renault
    /// President Raymond Levy"); not "spokesman" or "aide", which a person has too ("Netanyahu spokesman ...").
    static let occupations: Set<String> = [
        "analyst", "analysts", "economist", "economists", "strategist", "strategists", "trader", "traders", "dealer",
        "dealers", "broker", "brokers", "President", "Chairman", "Chairwoman", "CEO",
    ]

    /// Words that may precede or join a role head ("Foreign", "Defense", "Vice", "of", "State").
    static let roleModifiers: Set<String> = [
        "Foreign", "Exchequer", "Defense", "Defence", "Finance", "Prime", "Vice", "Deputy", "Trade", "Interior", "Economy",
        "Economic", "Home", "Executive", "State", "Treasury", "Health", "Education", "Justice", "Labor", "Labour",
        "Energy", "Industry", "Commerce", "Agriculture", "Transport", "Transportation", "Unification",
        "Environment", "Culture", "Science", "Technology", "Security", "National", "Homeland", "Joint", "Staff",
        "Armed", "Forces", "Army", "Navy", "Air", "Force", "Marine", "Corps", "Presidential", "Senior", "First",
        "Chief", "Cabinet", "Press", "Majority", "Minority", "Supreme", "Court", "Central", "Bank", "Fund",
        "Affairs", "Relations", "Policy", "Strategy", "Operating", "Financial", "Information", "Olympic",
        "International", "Development", "Welfare", "Gender", "Equality", "Veterans", "Land", "Infrastructure",
        "Oceans", "Fisheries", "Digital", "Public", "Administration", "Safety", "Acting", "Former", "Assistant",
        "Associate", "General", "Lieutenant", "Attorney", "Special", "Under", "Principal", "Managing",
    ]

    /// Title words trimmed off the front of a name the tagger ran together with its title ("Defense Lloyd Austin"
    /// after "Secretary of").
    static let trimmableTitles: Set<String> = [
        "President", "Minister", "Secretary", "Chancellor", "Premier", "Governor", "Senator", "Ambassador",
        "Director", "Chairman", "Spokesman", "Spokeswoman", "Mayor", "Judge", "Commander", "Admiral", "Envoy",
        "Speaker", "Defense", "Defence", "Foreign", "Finance", "State", "Prime", "Vice", "Deputy", "Trade",
        "Interior", "Treasury", "Homeland", "Security", "Energy", "Justice", "Commerce", "Health", "Education",
        "Exchequer",
    ]

    /// Legal-form suffixes of company names: a name of its own only with the name before it ("Standard Oil Co").
    static let corporateSuffixes: Set<String> = [
        "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "Co", "Co.", "Plc", "PLC", "plc", "LLC", "L.P.", "LP", "AG",
        "SA", "S.A.", "NV", "N.V.", "B.V.", "BV", "S.p.A.", "SpA", "GmbH", "Bhd", "Pty", "Cos", "Corporation", "Incorporated", "Limited",
    ]

    /// Courtesy titles and abbreviated ranks that come before a name but are not part of it ("Mr Mkula",
    /// "Gen. Kim Yong-bok").
    static let courtesyTitles: Set<String> = [
        "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Mx", "Dr", "Dr.", "Prof", "Prof.", "Sir", "Dame",
        "Gen", "Gen.", "Lt", "Lt.", "Col", "Col.", "Maj", "Maj.", "Capt", "Capt.", "Sgt", "Sgt.", "Adm", "Adm.",
        "Cmdr", "Cmdr.", "Sen", "Sen.", "Rep", "Rep.", "Gov", "Gov.", "Rev", "Rev.", "Fr", "Fr.", "Hon", "Hon.",
        "Mme", "Mme.", "Mlle", "Herr", "Frau", "Pres.", "Supt", "Insp", "Cpl", "Pte",
    ]

    /// Last words of organisation names ("Japan Self-Defense Forces", "Finance Ministry").
    static let organisationHeads: Set<String> = [
        "Forces", "Force", "Ministry", "Agency", "Council", "Committee", "Commission", "Party", "Bank",
        "Corporation", "Corp.", "Inc.", "Ltd", "Ltd.", "Co.", "University", "Department", "Institute",
        "Association", "Federation", "Union", "Army", "Navy", "Command", "Office", "Court", "Parliament",
        "Assembly", "Senate", "Congress", "Administration", "Authority", "Group", "Fund", "Organization",
        "Organisation", "Foundation", "Service", "Police", "Guard", "Corps", "Coalition", "Alliance", "League",
        "Company", "Holdings", "Airlines", "Bureau", "Cabinet", "Board", "Society", "Academy", "Secretariat",
    ]

    /// Last words of geographic names.
    static let geographicHeads: Set<String> = [
        "Ocean", "Sea", "Seas", "River", "Mountains", "Mountain", "Lake", "Peninsula", "Strait", "Straits", "Gulf",
        "Bay", "Island", "Islands", "Valley", "Desert", "Coast", "Heights", "Canal", "Channel", "Plateau",
    ]

    /// Last words of the names of buildings, streets and other places that are no polity ("Skyview Tower",
    /// "Wall Street", "Great Hyrule Forest"): such a place is LOC, not GPE.
    static let facilityHeads: Set<String> = [
        "Tower", "Towers", "Bridge", "Airport", "Stadium", "Station", "Street", "Avenue", "Road", "Square", "Park",
        "Forest", "Canyon", "Highlands", "House", "Palace", "Hall", "Center", "Centre", "Arena", "Building",
        "Temple", "Cathedral", "Castle", "Port", "Harbour", "Harbor", "Beach", "Falls", "Hills", "Woods",
    ]

    /// Words inside a MISC name that make it an event.
    static let eventWords: Set<String> = [
        "War", "Olympics", "Olympic", "Games", "Cup", "Championship", "Championships", "Open", "Summit",
        "Grand", "Prix", "Tour", "Festival", "Expo", "Conference", "Forum", "Revolution", "Crisis", "Massacre",
        "Uprising", "Election", "Elections", "Marathon", "Series", "Bowl", "Derby", "Classic", "Invitational",
        "Masters", "Rally", "Week", "Day", "Congress", "Meeting", "Dialogue", "Talks", "Fair",
    ]

    /// Prefixes of model designations ("F-35", "PAC-3", "Su-57") recognised as products.
    static let productPrefixes: Set<String> = [
        "F", "B", "C", "KC", "MQ", "RQ", "SM", "PAC", "AH", "UH", "CH", "KF", "FA", "Su", "MiG", "Tu", "Il",
        "Ka", "Mi", "T", "K", "M", "S", "J", "H", "DF", "KN", "AIM", "AGM", "RIM", "HQ", "YJ", "CJ", "E", "P",
    ]
}
