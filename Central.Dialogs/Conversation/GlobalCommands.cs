using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Prompts;
using System.Text.RegularExpressions;

namespace Central.Dialogs.Conversation;

public enum Command { None, Menu, Help, Person, Stop, SwitchLanguage, DeleteData }

/// <summary>
/// Commands that work everywhere, checked before the active dialog (CoreBot's CancelAndHelpDialog): tapped as a
/// button, or typed as the whole message in Khmer or English. A message that merely contains the word ("I want to
/// stop working overtime") is not a command. Asking for a person or for deletion may be wrapped in politeness
/// ("ខ្ញុំចង់លុបទិន្នន័យរបស់ខ្ញុំចោល", "please delete my data"); stopping may not, because "ខ្ញុំចង់ឈប់" is about a job.
/// </summary>
public static partial class GlobalCommands
{
    public const string MenuPayload = "CMD:MENU";
    public const string HelpPayload = "CMD:HELP";
    public const string PersonPayload = "CMD:PERSON";
    public const string StopPayload = "CMD:STOP";
    public const string LanguagePayload = "CMD:LANG";
    public const string DeletePayload = "CMD:DELETE";

    /// <summary>"Ask a question" in the middle of another dialog: opens browsing on top of it.</summary>
    public const string AskPayload = "CMD:ASK";

    /// <summary>Buttons that open one knowledge entry carry "KB:" and its id.</summary>
    public const string AnswerPrefix = "KB:";

    private static readonly HashSet<string> MenuWords = ["menu", "main menu", "start over", "restart", "ម៉ឺនុយ", "មឺនុយ", "ម៉ីនុយ", "មីនុយ", "ម៉ឺនុយដើម", "ទំព័រដើម"];
    private static readonly HashSet<string> HelpWords = ["help", "?", "ជំនួយ"];
    private static readonly HashSet<string> PersonWords = ["human", "person", "agent", "operator", "staff", "real person", "talk to a person", "talk to someone", "talk to a human", "speak to a person", "និយាយជាមួយបុគ្គលិក", "និយាយជាមួយមនុស្ស", "បុគ្គលិក", "មនុស្ស"];
    private static readonly HashSet<string> StopWords = ["stop", "cancel", "quit", "exit", "ឈប់", "បោះបង់", "បញ្ឈប់", "ចប់"];
    private static readonly HashSet<string> EnglishWords = ["english", "eng", "in english", "english please", "អង់គ្លេស", "ភាសាអង់គ្លេស"];
    private static readonly HashSet<string> KhmerWords = ["khmer", "in khmer", "khmer please", "ខ្មែរ", "ភាសាខ្មែរ"];
    private static readonly HashSet<string> LanguageWords = ["language", "change language", "ភាសា", "ប្តូរភាសា", "ប្ដូរភាសា"];
    private static readonly HashSet<string> DeleteWords = ["delete my data", "delete my information", "delete my info", "delete all my data", "remove my data", "erase my data", "លុបទិន្នន័យរបស់ខ្ញុំ", "លុបទិន្នន័យ", "លុបព័ត៌មានរបស់ខ្ញុំ", "លុបព័ត៌មាន", "លុបទិន្នន័យខ្ញុំ", "លុបព័ត៌មានខ្ញុំ"];

    // Longest first, so "i would like to" goes before "i would like".
    private static readonly string[] PoliteStarts = ["can you please ", "could you please ", "i would like to ", "i'd like to ", "i want to ", "can you ", "could you ", "please ", "pls ", "plz ", "ខ្ញុំចង់សុំ", "ខ្ញុំសុំ", "ខ្ញុំចង់", "សូមជួយ", "ចង់សុំ", "សូម", "សុំ", "ចង់", "ជួយ"];
    private static readonly string[] PoliteEnds = [" please", " pls", " plz", " thanks", " thank you", "ចោលផង", "ចោល", "ផង", "ទាំងអស់", "បាទ", "ចាស", "ចា"];

    public static Command Recognize(Turn turn) => turn.Payload switch
    {
        MenuPayload => Command.Menu,
        HelpPayload => Command.Help,
        PersonPayload => Command.Person,
        StopPayload => Command.Stop,
        DeletePayload => Command.DeleteData,
        { } payload when payload.StartsWith(LanguagePayload, StringComparison.Ordinal) => Command.SwitchLanguage,
        { } => Command.None,
        null => Typed(turn.Text),
    };

    /// <summary>The language a switch asks for: named, or the other one.</summary>
    public static Language RequestedLanguage(Turn turn, Language current)
    {
        if (turn.Payload is { } payload && payload.StartsWith(LanguagePayload + ":", StringComparison.Ordinal))
        {
            return Languages.FromCode(payload[(LanguagePayload.Length + 1)..]) ?? Other(current);
        }
        return Answers.IsOneOf(turn.Text, EnglishWords) ? Language.En
            : Answers.IsOneOf(turn.Text, KhmerWords) ? Language.Km
            : Other(current);
    }

    public static Language Other(Language language) => language == Language.Km ? Language.En : Language.Km;

    private static Command Typed(string? text)
    {
        var typed = Answers.Normalize(text);
        return typed.Length == 0 ? Command.None
            : MenuWords.Contains(typed) ? Command.Menu
            : HelpWords.Contains(typed) ? Command.Help
            : PersonWords.Contains(Unwrapped(typed)) ? Command.Person
            : StopWords.Contains(typed) ? Command.Stop
            : EnglishWords.Contains(typed) || KhmerWords.Contains(typed) || LanguageWords.Contains(typed) ? Command.SwitchLanguage
            : DeleteWords.Contains(Unwrapped(typed)) ? Command.DeleteData
            : Command.None;
    }

    /// <summary>The request without the politeness around it, and without the spaces some type between Khmer words.</summary>
    private static string Unwrapped(string typed)
    {
        var text = KhmerSpaces().Replace(typed, "");
        for (var changed = true; changed;)
        {
            changed = false;
            if (PoliteStarts.FirstOrDefault(s => text.StartsWith(s, StringComparison.Ordinal)) is { } start && start.Length < text.Length)
            {
                text = text[start.Length..].TrimStart();
                changed = true;
            }
            if (PoliteEnds.FirstOrDefault(e => text.EndsWith(e, StringComparison.Ordinal)) is { } end && end.Length < text.Length)
            {
                text = text[..^end.Length].TrimEnd();
                changed = true;
            }
        }
        return text;
    }

    [GeneratedRegex(@"(?<=[\u1780-\u17FF]) (?=[\u1780-\u17FF])")]
    private static partial Regex KhmerSpaces();
}
