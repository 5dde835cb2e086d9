using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Conversation.Menu;

/// <summary>How the root dialog starts: with the welcome (first contact, Get Started), and whether to act on the turn at once.</summary>
public sealed record MenuStart(bool Welcome, bool RouteTurn, bool Quiet = false);

/// <summary>
/// The root of every conversation: welcome, the main menu, and routing to the features. It stays at the bottom of
/// the stack; when a feature ends, the worker is back here. Free text and follow-up buttons go to question answering.
/// </summary>
public sealed class MainMenu() : Dialog(DialogId)
{
    public const string DialogId = "main";

    // The features' dialog ids.
    public const string Browse = "ask";
    public const string Complaint = "complaint";
    public const string CheckCase = "check-case";
    public const string Answer = "answer";

    public const string AskPayload = "MENU:ASK";
    public const string ReportPayload = "MENU:REPORT";
    public const string CasePayload = "MENU:CASE";

    private static readonly HashSet<string> Greetings = ["hi", "hello", "hey", "hii", "helo", "good morning", "get started", "start", "សួស្តី", "សួស្ដី", "ជំរាបសួរ", "ជម្រាបសួរ", "សួរស្តី", "suesdey", "sousdey", "sursdey", "chom reap suor"];

    /// <summary>The main menu's buttons: the four things the bot does, and the other language.</summary>
    public static IReadOnlyList<Choice> Choices { get; } =
    [
        new(AskPayload, MenuTexts.Ask),
        new(ReportPayload, MenuTexts.Report),
        new(CasePayload, MenuTexts.CheckCase),
        new(GlobalCommands.PersonPayload, MenuTexts.Person),
        new(GlobalCommands.LanguagePayload, MenuTexts.OtherLanguage),
    ];

    public override Task<DialogTurnResult> BeginAsync(DialogContext dialogs, object? options)
    {
        var start = options as MenuStart ?? new MenuStart(Welcome: false, RouteTurn: false);
        var turn = dialogs.Context.Turn;
        if (start.Welcome)
        {
            dialogs.Context.Say(MenuTexts.Welcome);
            dialogs.Context.Say(MenuTexts.Privacy);
        }
        var hasContent = turn.Kind == TurnKind.Message && (turn.Payload is not null || !string.IsNullOrWhiteSpace(turn.Text));
        if (start.Quiet)
        {
            return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Waiting));
        }
        if (start.RouteTurn && hasContent && !Answers.IsOneOf(turn.Text, Greetings))
        {
            return RouteAsync(dialogs);
        }
        ShowMenu(dialogs.Context);
        return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Waiting));
    }

    public override Task<DialogTurnResult> ContinueAsync(DialogContext dialogs) => RouteAsync(dialogs);

    public override Task<DialogTurnResult> ResumeAsync(DialogContext dialogs, object? result)
    {
        if (result is GaveUp)
        {
            dialogs.Context.Say(MenuTexts.GaveUp, Choices);
        }
        else if (result is ShowMenu)
        {
            ShowMenu(dialogs.Context);
        }
        return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Waiting));
    }

    public override Task RepromptAsync(DialogContext dialogs, DialogInstance instance)
    {
        ShowMenu(dialogs.Context);
        return Task.CompletedTask;
    }

    /// <summary>Whether the text is just a greeting ("hi", "សួស្តី").</summary>
    public static bool IsGreeting(string? text) => Answers.IsOneOf(text, Greetings);

    public static void ShowMenu(TurnContext context) => context.Say(MenuTexts.WhatToDo, Choices);

    private static async Task<DialogTurnResult> RouteAsync(DialogContext dialogs)
    {
        var turn = dialogs.Context.Turn;
        var route = turn.Payload switch
        {
            AskPayload => Browse,
            ReportPayload => Complaint,
            CasePayload => CheckCase,
            _ when Answers.IsOneOf(turn.Text, Greetings) => null,
            _ when turn.Payload is not null || !string.IsNullOrWhiteSpace(turn.Text) => Answer,
            _ => null,
        };
        if (route is null)
        {
            ShowMenu(dialogs.Context);
            return new(DialogTurnStatus.Waiting);
        }
        if (route == Answer && turn.Payload is null && Languages.IsOtherLanguage(turn.Text))
        {
            // Both languages at once: the worker may read neither the one we guessed nor the other.
            var notice = $"{MenuTexts.OnlyKhmerAndEnglish.Render(Language.Km)}\n\n{MenuTexts.OnlyKhmerAndEnglish.Render(Language.En)}";
            dialogs.Context.Say(Text.Verbatim(notice),
                new Choice(GlobalCommands.PersonPayload, Text.Verbatim(MenuTexts.Person.Render(Language.Km))),
                new Choice(GlobalCommands.PersonPayload, Text.Verbatim(MenuTexts.Person.Render(Language.En))));
            return new(DialogTurnStatus.Waiting);
        }
        if (!dialogs.Context.Get<DialogSet>().Contains(route))
        {
            dialogs.Context.Say(MenuTexts.QuestionsNotReady, Choices);
            return new(DialogTurnStatus.Waiting);
        }
        return await dialogs.BeginDialogAsync(route, turn);
    }
}

/// <summary>A feature's result asking the root to show the main menu again.</summary>
public sealed class ShowMenu
{
    public static readonly ShowMenu Instance = new();

    private ShowMenu()
    {
    }
}
