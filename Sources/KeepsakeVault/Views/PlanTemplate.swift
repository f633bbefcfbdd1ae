/// The starting exit (safety) plan: a few plain steps for every part of the plan, all open.
/// The owner keeps, changes or removes any of them; none is required.
public enum PlanTemplate {
    /// Every step of the template, in category order, all open.
    public static let items: [PlanItem] = PlanCategory.allCases.flatMap { category in
        titles(for: category).map { PlanItem(category: category, title: $0) }
    }

    /// The template's steps for one category.
    public static func items(in category: PlanCategory) -> [PlanItem] {
        items.filter { $0.category == category }
    }

    private static func titles(for category: PlanCategory) -> [String] {
        switch category {
        case .safePlace:
            return [
                "Choose a place you could go at short notice (a friend, family, a shelter)",
                "Find out how to reach the nearest shelter or refuge, by day and by night",
                "Plan how you would get there: the route, transport, money for a taxi",
                "Know which rooms at home are safer to be in (near a way out, away from the kitchen)",
            ]
        case .people:
            return [
                "Tell someone you trust what is happening, as much as feels safe",
                "Agree a code word with someone you trust that means \"call for help\"",
                "Learn the local hotline number by heart",
                "Ask an advocate or a support service to go through this plan with you",
            ]
        case .money:
            return [
                "Open an account in your own name, at a bank you don't share",
                "Put some cash aside, a little at a time, somewhere safe",
                "Write down the accounts, cards and debts you share, with their numbers",
                "Find out what money help or benefits you could get",
            ]
        case .documents:
            return [
                "Keep copies of your ID, birth certificates and passports somewhere safe outside home",
                "Copy bank, benefits and tax papers, and any legal papers (orders, lease, mortgage)",
                "Keep copies of medical records and prescriptions, yours and your children's",
                "Keep this record, and any photos, messages or police reports, backed up somewhere safe",
            ]
        case .goBag:
            return [
                "Pack a bag with medicine, spare keys, chargers and a change of clothes",
                "Leave the bag with someone you trust, or where you can reach it quickly",
                "Put a paper list of important phone numbers in the bag",
                "Add a few things that comfort you or your children",
            ]
        case .childrenAndPets:
            return [
                "Plan what to tell your children, and teach them how to call for help",
                "Tell the school or nursery who may and may not collect your children",
                "Find somewhere safe for your pets (some shelters and charities can help)",
                "Pack what your children need: medicine, documents, a favourite toy",
            ]
        case .technology:
            return [
                "Turn off location sharing on your phone and check apps you didn't install",
                "Change the passwords for email, bank and social media, on a device only you use",
                "Think about a prepaid phone that only you know about",
                "Check your accounts for devices and logins you don't recognise",
            ]
        case .legal:
            return [
                "Find out how protective (restraining) orders work where you live",
                "Talk to a lawyer or a free legal advice service",
                "Write down police report numbers and the officers' names",
                "Find out your rights to your home, your money and your children",
            ]
        case .afterLeaving:
            return [
                "Change your routines and routes to work, school and the shops",
                "Decide who may know where you live, and ask them to keep it private",
                "Set the contact you are willing to have, and keep a record of any you didn't want",
                "Find counselling or a support group, for you and for your children",
                "Make time to rest, and for things that are yours",
            ]
        }
    }
}
