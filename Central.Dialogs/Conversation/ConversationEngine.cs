using System.Text.Json;
using Central.Data.Contacts;
using Central.Data.Conversations;
using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Menu;
using Microsoft.Extensions.Logging;

namespace Central.Dialogs.Conversation;

/// <summary>
/// Runs one turn of one conversation, whatever the channel: loads the state, replays a turn already processed,
/// stays quiet while a person has the conversation, handles the global commands, runs the dialog stack, and saves
/// the state with its ETag — on a conflict the turn is run again on the newer state, so nothing is overwritten.
/// </summary>
public sealed partial class ConversationEngine(
    DialogSet dialogs,
    IConversationStateStore states,
    ContactStore contacts,
    WorkerUpdateStore updates,
    PersonalDataEraser eraser,
    IServiceProvider services,
    ILogger<ConversationEngine> logger)
{
    private const int MaxAttempts = 5;

    public async Task<TurnOutcome> RunAsync(Turn turn, CancellationToken cancellationToken)
    {
        var contact = await contacts.TouchInboundAsync(turn.Channel, turn.UserId, turn.Address, cancellationToken);
        if (turn.Referral is { Length: > 0 } referral && referral != contact.Referral)
        {
            await contacts.SetReferralAsync(contact.Id, referral, cancellationToken);
        }
        var key = $"{turn.Channel}:{contact.UserKey}";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await states.ReadAsync(key, cancellationToken);
            var state = stored is null ? new ConversationState() : JsonSerializer.Deserialize<ConversationState>(stored.Json, DialogContext.Json)!;
            if (state.LastTurnId == turn.Id)
            {
                // No transcript: the state cannot tell a replayed turn's lines from those of a worker who has since been
                // forgotten ("delete my data"), and those must not come back.
                return new TurnOutcome(state.LastReplies, Replayed: true, contact.Id, []);
            }
            // A welcome before the worker has written anything (Get Started, a chat window opening) speaks Khmer
            // without deciding for them: their first words, or a tap on the other language, settle it.
            var settled = state.Language ?? Languages.FromCode(contact.Language) ?? Languages.Detect(turn.Text);
            var language = settled ?? Languages.FromCode(turn.Locale) ?? Language.Km;
            var context = new TurnContext(turn, contact, language, services, cancellationToken, state.Drafts);
            var held = contact.BotPaused || contact.PendingUpdates == 0 ? [] : await updates.PendingAsync(contact.Id, cancellationToken);
            await RunDialogsAsync(context, state, contact);

            // Updates a caseworker could not send while the worker was outside Messenger's window go first.
            var replies = held.Select(u => new OutgoingMessage(u.Text, [])).Concat(context.Replies.Select(r => Render(r, context.Language))).ToList();
            if (context.ForgetWorker)
            {
                // Only what replays this turn survives: no dialog, no drafts, no earlier replies.
                state = new ConversationState { Language = context.Language, Welcomed = true };
            }
            if (settled is not null || context.Language != language)
            {
                state.Language = context.Language;
            }
            state.LastTurnId = turn.Id;
            state.LastReplies = replies;
            if (await states.TryWriteAsync(key, JsonSerializer.Serialize(state, DialogContext.Json), stored?.ETag, cancellationToken) is not null)
            {
                if (context.ForgetWorker)
                {
                    await eraser.EraseAsync(contact.Id, contact.UserKey, cancellationToken);
                    return new TurnOutcome(replies, Replayed: false, contact.Id, []);
                }
                if (state.Language is { } chosen && contact.Language != chosen.Code())
                {
                    await contacts.SetLanguageAsync(contact.Id, chosen.Code(), cancellationToken);
                }
                // After the save: a crash in between repeats them next turn rather than losing them.
                if (held.Count > 0)
                {
                    await updates.MarkDeliveredAsync(contact.Id, held[^1].Id, cancellationToken);
                }
                return new TurnOutcome(replies, Replayed: false, contact.Id, TranscriptOf(turn, replies));
            }
            Log.StateConflict(logger, turn.Channel, attempt);
        }
        throw new InvalidOperationException($"The conversation state kept changing underneath turn {turn.Id}; it will be tried again.");
    }

    private async Task RunDialogsAsync(TurnContext context, ConversationState state, Contact contact)
    {
        var dc = new DialogContext(dialogs, context, state.Stack);
        var command = GlobalCommands.Recognize(context.Turn);
        try
        {
            if (contact.BotPaused)
            {
                await WhilePersonHasItAsync(dc, contact, command);
                return;
            }
            if (context.Turn.Kind == TurnKind.Start || !state.Welcomed)
            {
                state.Welcomed = true;
                await dc.CancelAllDialogsAsync();
                await dc.BeginDialogAsync(MainMenu.DialogId, new MenuStart(Welcome: true, RouteTurn: context.Turn.Kind == TurnKind.Message && command == Command.None));
                return;
            }
            if (context.Turn.Kind == TurnKind.Referral)
            {
                // An m.me link or QR code opened an existing conversation: the referral is remembered; show where we are.
                await RepromptOrMenuAsync(dc);
                return;
            }
            if (command != Command.None && await HandleCommandAsync(dc, command))
            {
                return;
            }
            if (await InterruptAsync(dc))
            {
                return;
            }
            if (dc.Active is null)
            {
                await dc.BeginDialogAsync(MainMenu.DialogId, new MenuStart(Welcome: false, RouteTurn: true));
                return;
            }
            await dc.ContinueDialogAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The one turn-error handler (CoreBot's OnTurnError): apologise in the worker's language and start over.
            // Exception messages can quote what the worker wrote, so only the type and the stack are logged.
            Log.TurnFailed(logger, context.Turn.Channel, e.GetType().Name, e.StackTrace);
            state.Stack.Clear();
            context.ClearReplies();
            context.Say(MenuTexts.SomethingWentWrong, MainMenu.Choices);
        }
    }

    private async Task<bool> HandleCommandAsync(DialogContext dc, Command command)
    {
        var context = dc.Context;
        switch (command)
        {
            case Command.Menu:
                await dc.CancelAllDialogsAsync();
                await dc.BeginDialogAsync(MainMenu.DialogId, new MenuStart(Welcome: false, RouteTurn: false));
                return true;
            case Command.Help:
                context.Say(MenuTexts.Help);
                await RepromptOrMenuAsync(dc);
                return true;
            case Command.Person:
                await dc.CancelAllDialogsAsync();
                await contacts.RequestHumanAsync(context.Contact.Id, context.Language.Code(), context.CancellationToken);
                context.Say(MenuTexts.PersonRequested, new Choice(GlobalCommands.MenuPayload, MenuTexts.Menu));
                return true;
            case Command.Stop:
                context.Stopping = true;
                var said = context.Replies.Count;
                await dc.CancelAllDialogsAsync();
                if (context.Replies.Count == said)
                {
                    // A dialog that says what stopping it meant ("nothing was kept") needs no second "stopped".
                    context.Say(MenuTexts.Stopped);
                }
                await dc.BeginDialogAsync(MainMenu.DialogId, new MenuStart(Welcome: false, RouteTurn: false));
                return true;
            case Command.SwitchLanguage:
                context.Language = GlobalCommands.RequestedLanguage(context.Turn, context.Language);
                context.Say(MenuTexts.LanguageSwitched);
                await RepromptOrMenuAsync(dc);
                return true;
            case Command.DeleteData when dialogs.Contains(DeleteDataDialogId):
                await dc.CancelAllDialogsAsync();
                await dc.BeginDialogAsync(MainMenu.DialogId, new MenuStart(Welcome: false, RouteTurn: false, Quiet: true));
                await dc.BeginDialogAsync(DeleteDataDialogId);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A question in the middle of another dialog (CoreBot's interruptions): "Ask a question", or a tapped answer
    /// button, opens question answering on top of the stack; when it ends, the dialog below asks its question again.
    /// </summary>
    private async Task<bool> InterruptAsync(DialogContext dc)
    {
        var payload = dc.Context.Turn.Payload;
        if (payload is null || dc.Active is null || dc.Active.Id == MainMenu.DialogId)
        {
            return false;
        }
        var target = payload == GlobalCommands.AskPayload ? MainMenu.Browse
            : payload.StartsWith(GlobalCommands.AnswerPrefix, StringComparison.Ordinal) ? MainMenu.Answer
            : null;
        if (target is null || !dialogs.Contains(target) || dc.IsActive(target))
        {
            return false;
        }
        await dc.BeginDialogAsync(target, dc.Context.Turn);
        return true;
    }

    /// <summary>The dialog id of "delete my data" (the case intake feature registers it).</summary>
    public const string DeleteDataDialogId = "delete-data";

    private static async Task RepromptOrMenuAsync(DialogContext dc)
    {
        if (dc.Active is null)
        {
            await dc.BeginDialogAsync(MainMenu.DialogId, new MenuStart(Welcome: false, RouteTurn: false));
        }
        else
        {
            await dc.RepromptAsync();
        }
    }

    /// <summary>
    /// A person was asked for, or has taken over: the bot says nothing, so it never talks over them. The worker can
    /// come back to the bot with the Menu button (or, while nobody has answered yet, by typing "menu").
    /// </summary>
    private async Task WhilePersonHasItAsync(DialogContext dc, Contact contact, Command command)
    {
        var backToBot = dc.Context.Turn.Payload == GlobalCommands.MenuPayload || (command == Command.Menu && contact.HumanCaseworkerId is null);
        // Deleting one's data is a right that does not wait for the caseworker.
        var delete = command == Command.DeleteData && dialogs.Contains(DeleteDataDialogId);
        if (!backToBot && !delete)
        {
            return;
        }
        await contacts.HandBackAsync(contact.Id, dc.Context.CancellationToken);
        await dc.CancelAllDialogsAsync();
        if (delete)
        {
            await HandleCommandAsync(dc, command);
            return;
        }
        dc.Context.Say(MenuTexts.BackWithBot);
        await dc.BeginDialogAsync(MainMenu.DialogId, new MenuStart(Welcome: false, RouteTurn: false));
    }

    private static OutgoingMessage Render(Reply reply, Language language) =>
        new(reply.Body.Render(language), [.. reply.Choices.Select(c => new QuickReply(c.Title.Render(language), c.Payload))]);

    private static List<TranscriptEntry> TranscriptOf(Turn turn, IReadOnlyList<OutgoingMessage> replies)
    {
        var lines = new List<TranscriptEntry>();
        var said = turn.Text ?? (turn.Attachments.Count > 0 ? string.Join(", ", turn.Attachments.Select(a => $"[{a.Kind}]")) : turn.Payload is { } p ? $"[{p}]" : null);
        if (said is not null)
        {
            lines.Add(new TranscriptEntry(TranscriptStore.In, "worker", said));
        }
        lines.AddRange(replies.Select(r => new TranscriptEntry(TranscriptStore.Out, "bot", r.Text)));
        return lines;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {Channel} with {ExceptionType}; the worker was told and the dialog reset. {StackTrace}")]
        public static partial void TurnFailed(ILogger logger, string channel, string exceptionType, string? stackTrace);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Conversation state changed during a turn on {Channel}; running it again (attempt {Attempt})")]
        public static partial void StateConflict(ILogger logger, string channel, int attempt);
    }
}
