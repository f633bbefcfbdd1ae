/// The starting safety plan: the phases of a personalized safety plan as domestic-violence
/// programs go through them, a few plain steps in each, all open. The owner keeps, answers,
/// changes or removes any of them, and hides a phase that does not apply; none is required.
public enum PlanTemplate {
    /// Every step of the template, in phase order.
    public static let steps: [PlanTemplateStep] = duringIncident + preparing + leaving + home + order + outside
        + technology + childrenAndPets + substances + feelings + numbers

    /// Every step of the template as plan steps, all open.
    public static var items: [PlanItem] { steps.map(\.item) }

    /// The template's steps in one phase.
    public static func items(in phase: PlanPhase) -> [PlanItem] {
        steps.filter { $0.phase == phase }.map(\.item)
    }

    /// The template step with this key.
    public static func step(key: String) -> PlanTemplateStep? { byKey[key] }

    /// The template step a plan step came from: by its key, or for a step added by the first
    /// template (no key), by its title.
    public static func step(for item: PlanItem) -> PlanTemplateStep? {
        if let key = item.key { return byKey[key] }
        return legacyTitles[item.title].flatMap { byKey[$0] }
    }

    /// The phase a step is shown in: its own, else its template step's, else its category's.
    public static func phase(of item: PlanItem) -> PlanPhase {
        item.phase ?? step(for: item)?.phase ?? item.category.phase
    }

    /// The steps of the template that a plan holding `existing` does not have yet: a step is
    /// there when a step has its key, its title, or (for the first template's steps) the
    /// title that stands for it.
    public static func missing(from existing: [PlanItem]) -> [PlanItem] {
        let keys = Set(existing.compactMap { step(for: $0)?.key })
        let titles = Set(existing.map(\.title))
        return steps.filter { !keys.contains($0.key) && !titles.contains($0.title) }.map(\.item)
    }

    private static let byKey = Dictionary(uniqueKeysWithValues: steps.map { ($0.key, $0) })

    // MARK: The steps

    private typealias S = PlanTemplateStep

    private static let duringIncident = [
        S("incident.room", .duringIncident,
          "Pick a room to move to if an argument starts: two ways out, not the kitchen, bathroom or garage",
          answer: .text("If an argument starts, I could move to ___")),
        S("incident.route", .duringIncident, "Practise the way out of your home: doors, windows, stairs",
          answer: .text("My way out is ___")),
        S("incident.keys", .duringIncident, "Keep your keys and bag where you can grab them quickly",
          answer: .text("I can keep my keys and bag ___")),
        S("incident.code-word", .duringIncident,
          "Agree a code word with family, friends and your children that means \"call for help\"",
          answer: .text("I can use ___ as my code word")),
        S("incident.neighbour", .duringIncident, "Ask a neighbour you trust to call the police if they hear trouble",
          answer: .contact("I could ask ___ to call the police if they hear trouble")),
        S("incident.children", .duringIncident,
          "Talk with your children about what they could do: where to go, who to call, to stay out of it",
          answer: .text("My children could ___")),
        S("incident.trust-judgement", .duringIncident,
          "Trust your judgement: calming things down or giving in for a while can be a way to stay safe"),
    ]

    private static let preparing = [
        S("prepare.place", .preparingToLeave, "Choose a place you could go at short notice (a friend, family, a shelter)",
          answer: .text("I could go to ___")),
        S("prepare.shelter", .preparingToLeave, "Find out how to reach the nearest shelter or refuge, by day and by night"),
        S("prepare.transport", .preparingToLeave, "Plan how you would get there: the route, transport, money for a taxi",
          answer: .text("I could get there by ___")),
        S("prepare.tell-someone", .preparingToLeave, "Tell someone you trust what is happening, as much as feels safe",
          answer: .contact("I could tell ___")),
        S("prepare.go-bag", .preparingToLeave, "Pack a bag with medicine, spare keys, chargers and a change of clothes"),
        S("prepare.bag-place", .preparingToLeave, "Leave the bag with someone you trust, or where you can reach it quickly",
          answer: .text("I could leave my bag ___")),
        S("prepare.documents", .preparingToLeave,
          "Keep copies of your ID, birth certificates and passports somewhere safe outside home"),
        S("prepare.papers", .preparingToLeave,
          "Copy bank, benefits and tax papers, and any legal papers (orders, lease, mortgage)"),
        S("prepare.medical", .preparingToLeave, "Keep copies of medical records and prescriptions, yours and your children's"),
        S("prepare.evidence", .preparingToLeave,
          "Keep this record, and any photos, messages or police reports, backed up somewhere safe"),
        S("prepare.account", .preparingToLeave, "Open an account in your own name, at a bank you don't share", alerts: true),
        S("prepare.cash", .preparingToLeave, "Put some cash aside, a little at a time, somewhere safe",
          answer: .text("I can keep money ___"), alerts: true),
        S("prepare.benefits", .preparingToLeave, "Find out what money help or benefits you could get"),
        S("prepare.shared-money", .preparingToLeave, "Write down the accounts, cards and debts you share, with their numbers"),
        S("prepare.advocate", .preparingToLeave, "Ask an advocate or a support service to go through this plan with you"),
    ]

    private static let leaving = [
        S("leave.time", .dayOfLeaving, "Think about the safest time to leave, when they are out or busy",
          answer: .text("The safest time could be ___")),
        S("leave.help", .dayOfLeaving, "Ask someone to be with you, or the police to stand by, while you leave",
          answer: .contact("___ could be with me")),
        S("leave.take", .dayOfLeaving, "Take the go-bag, documents, medicine and your children's things"),
        S("leave.shared-phone", .dayOfLeaving,
          "Leave a shared phone behind, or end a shared phone plan, once you are safe", alerts: true),
        S("leave.move-money", .dayOfLeaving, "Move your share of money when you leave, not before", alerts: true),
    ]

    private static let home = [
        S("home.locks", .homeAfterLeaving, "Change the locks, and add locks or bars to windows if you can"),
        S("home.lighting", .homeAfterLeaving, "Put lights outside, and keep a torch by the bed"),
        S("home.smoke-alarm", .homeAfterLeaving, "Check the smoke alarms and a way out of every floor"),
        S("home.pickup", .homeAfterLeaving, "Decide who may pick up your children",
          answer: .contact("My children may be picked up by ___")),
        S("home.school", .homeAfterLeaving, "Tell the school or carers who may not collect your children, and what to do if they try",
          answer: .text("I could tell the school ___")),
        S("home.who-knows", .homeAfterLeaving, "Decide who may know where you live, and ask them to keep it private"),
        S("home.routines", .homeAfterLeaving, "Change your routines and routes to work, school and the shops"),
        S("home.contact", .homeAfterLeaving, "Set the contact you are willing to have, and keep a record of any you didn't want"),
    ]

    private static let order = [
        S("order.learn", .protectionOrder, "Find out how protective (restraining) orders work where you live"),
        S("order.lawyer", .protectionOrder, "Talk to a lawyer or a free legal advice service"),
        S("order.copy", .protectionOrder, "Keep a copy of the order with you at all times",
          answer: .text("I could keep a copy ___")),
        S("order.others", .protectionOrder, "Give a copy to people who need to know: work, school, a neighbour",
          answer: .text("___ also have a copy")),
        S("order.broken", .protectionOrder, "Plan what you would do if the order is broken: call the police, write it down here",
          answer: .text("If the order is broken, I could ___")),
        S("order.police-numbers", .protectionOrder, "Write down police report numbers and the officers' names"),
        S("order.rights", .protectionOrder, "Find out your rights to your home, your money and your children"),
    ]

    private static let outside = [
        S("out.manager", .workAndPublic, "Think about telling a manager or security at work, and giving them a photo",
          answer: .contact("At work I could tell ___")),
        S("out.calls", .workAndPublic, "Ask someone to screen your calls at work, or let them go to voicemail"),
        S("out.route", .workAndPublic, "Vary your route to and from work or school, and who goes with you",
          answer: .text("I could get to and from work by ___")),
        S("out.public", .workAndPublic, "Think about what you would do if you met them in a shop, on a bus, in the street",
          answer: .text("If I see them in public, I could ___")),
    ]

    private static let technology = [
        S("tech.location", .technology, "Turn off location sharing on your phone and check apps you didn't install",
          alerts: true),
        S("tech.passwords", .technology, "Change the passwords for email, bank and social media, on a device only you use",
          alerts: true),
        S("tech.phone", .technology, "Think about a prepaid phone that only you know about", alerts: true),
        S("tech.logins", .technology, "Check your accounts for devices and logins you don't recognise", alerts: true),
        S("tech.trackers", .technology, "Check the car, bags and gifts for tracking devices, with help if you can",
          alerts: true),
        S("tech.safe-device", .technology, "Use a computer at a library, a friend's or work to look for help",
          answer: .text("A safe device I could use is ___")),
    ]

    private static let childrenAndPets = [
        S("children.tell", .childrenAndPets, "Plan what to tell your children, and teach them how to call for help"),
        S("children.collect", .childrenAndPets, "Tell the school or nursery who may and may not collect your children"),
        S("children.pets", .childrenAndPets, "Find somewhere safe for your pets (some shelters and charities can help)",
          answer: .text("My pets could stay ___")),
        S("children.pack", .childrenAndPets, "Pack what your children need: medicine, documents, a favourite toy"),
        S("children.comfort", .childrenAndPets, "Add a few things that comfort you or your children"),
    ]

    private static let substances = [
        S("substances.safe", .alcoholOrDrugs,
          "If you drink or use drugs, think about where you could be safe while doing so",
          answer: .text("I could be safe ___")),
        S("substances.children", .alcoholOrDrugs, "Think about who could look after the children if you have been drinking or using",
          answer: .contact("___ could look after the children")),
        S("substances.support", .alcoholOrDrugs, "Find a support service for alcohol or drugs, if you want one"),
    ]

    private static let feelings = [
        S("feelings.call", .emotionalHealth, "Think of someone you could call when you feel down",
          answer: .contact("When I feel down I could call ___")),
        S("feelings.group", .emotionalHealth, "Find counselling or a support group, for you and for your children",
          answer: .text("A group I could go to is ___")),
        S("feelings.rest", .emotionalHealth, "Make time to rest, and for things that are yours"),
        S("feelings.hard-moments", .emotionalHealth, "Plan what could help in hard moments, such as when you miss them",
          answer: .text("In a hard moment I could ___")),
    ]

    private static let numbers = [
        S("numbers.police", .importantNumbers, "Police (the emergency number where you live)",
          answer: .contact("The police: ___")),
        S("numbers.hotline", .importantNumbers, "Learn the local hotline number by heart", answer: .contact("The hotline: ___")),
        S("numbers.advocate", .importantNumbers, "An advocate", answer: .contact("My advocate: ___")),
        S("numbers.shelter", .importantNumbers, "A shelter or refuge", answer: .contact("A shelter: ___")),
        S("numbers.lawyer", .importantNumbers, "A lawyer or legal advice", answer: .contact("A lawyer: ___")),
        S("numbers.work", .importantNumbers, "Work", answer: .contact("Work: ___")),
        S("numbers.school", .importantNumbers, "School or nursery", answer: .contact("School: ___")),
        S("numbers.paper-list", .importantNumbers, "Put a paper list of important phone numbers in the bag"),
    ]

    // MARK: The first template (schemas 1 and 2)

    /// Each step of the first template (37 steps in 9 categories, by title) and the step that
    /// stands for it now: an older plan is shown phase by phase and not given the step twice.
    static let legacyTitles: [String: String] = [
        "Choose a place you could go at short notice (a friend, family, a shelter)": "prepare.place",
        "Find out how to reach the nearest shelter or refuge, by day and by night": "prepare.shelter",
        "Plan how you would get there: the route, transport, money for a taxi": "prepare.transport",
        "Know which rooms at home are safer to be in (near a way out, away from the kitchen)": "incident.room",
        "Tell someone you trust what is happening, as much as feels safe": "prepare.tell-someone",
        "Agree a code word with someone you trust that means \"call for help\"": "incident.code-word",
        "Learn the local hotline number by heart": "numbers.hotline",
        "Ask an advocate or a support service to go through this plan with you": "prepare.advocate",
        "Open an account in your own name, at a bank you don't share": "prepare.account",
        "Put some cash aside, a little at a time, somewhere safe": "prepare.cash",
        "Write down the accounts, cards and debts you share, with their numbers": "prepare.shared-money",
        "Find out what money help or benefits you could get": "prepare.benefits",
        "Keep copies of your ID, birth certificates and passports somewhere safe outside home": "prepare.documents",
        "Copy bank, benefits and tax papers, and any legal papers (orders, lease, mortgage)": "prepare.papers",
        "Keep copies of medical records and prescriptions, yours and your children's": "prepare.medical",
        "Keep this record, and any photos, messages or police reports, backed up somewhere safe": "prepare.evidence",
        "Pack a bag with medicine, spare keys, chargers and a change of clothes": "prepare.go-bag",
        "Leave the bag with someone you trust, or where you can reach it quickly": "prepare.bag-place",
        "Put a paper list of important phone numbers in the bag": "numbers.paper-list",
        "Add a few things that comfort you or your children": "children.comfort",
        "Plan what to tell your children, and teach them how to call for help": "children.tell",
        "Tell the school or nursery who may and may not collect your children": "children.collect",
        "Find somewhere safe for your pets (some shelters and charities can help)": "children.pets",
        "Pack what your children need: medicine, documents, a favourite toy": "children.pack",
        "Turn off location sharing on your phone and check apps you didn't install": "tech.location",
        "Change the passwords for email, bank and social media, on a device only you use": "tech.passwords",
        "Think about a prepaid phone that only you know about": "tech.phone",
        "Check your accounts for devices and logins you don't recognise": "tech.logins",
        "Find out how protective (restraining) orders work where you live": "order.learn",
        "Talk to a lawyer or a free legal advice service": "order.lawyer",
        "Write down police report numbers and the officers' names": "order.police-numbers",
        "Find out your rights to your home, your money and your children": "order.rights",
        "Change your routines and routes to work, school and the shops": "home.routines",
        "Decide who may know where you live, and ask them to keep it private": "home.who-knows",
        "Set the contact you are willing to have, and keep a record of any you didn't want": "home.contact",
        "Find counselling or a support group, for you and for your children": "feelings.group",
        "Make time to rest, and for things that are yours": "feelings.rest",
    ]
}
