import ArgumentParser
import KeepsakeVault

/// `keepsake contacts add|list`.
struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Keep the people and services you trust.",
        subcommands: [Add.self, List.self],
        defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add someone you trust (an advocate, a friend, a hotline…).")

        @Argument(help: "Their name, or what you call them (leave out to be asked each detail on a terminal).")
        var name: String?

        @Option(help: "advocate, lawyer, friend, family, hotline, shelter, doctor, police or other.")
        var role: Contact.Role?

        @Option(help: "Phone number.") var phone: String?
        @Option(help: "Email address.") var email: String?
        @Option(help: "Address.") var address: String?
        @Option(help: "When and how it is safe to contact them.") var safe: String?
        @Option(help: "Anything else.") var notes: String?
        @Flag(inversion: .prefixedNo, help: "Whether they know what is happening to you.") var knows: Bool?

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try CommandRunner.run {
                var contact = Contact(
                    name: name ?? "", role: role ?? .other, phone: phone, email: email, address: address, notes: notes,
                    safeContact: safe, knows: knows)
                guard name != nil || Terminal.isInteractive else {
                    throw CLIError.usage("give their name (`keepsake contacts add NAME`), or run it on a terminal to be asked")
                }
                let opened = try Unlock.vault(vault, passphrase)
                if name == nil {
                    let intro = "Let's add someone you trust. Nothing you type here goes into your shell history."
                    guard try Question.guided(ContactQuestions.all, &contact, intro: intro) else { return }
                }
                let item = try opened.add(.contact(contact))
                print("Added \(contact.name) as \(item.id.short).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List your contacts.")

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
                let items = opened.current(.contact)
                if output.json { return try JSONOutput.print(items.map { ItemJSON($0) }) }
                if items.isEmpty { print("No contacts yet. `keepsake contacts add` asks for their details.") }
                for item in items { print(Summary.line(item)) }
            }
        }
    }
}

extension Contact.Role: ExpressibleByArgument {}
