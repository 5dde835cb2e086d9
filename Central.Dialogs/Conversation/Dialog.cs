using System.Text.Json.Nodes;

namespace Central.Dialogs.Conversation;

public enum DialogTurnStatus
{
    /// <summary>The active dialog waits for the worker's next message.</summary>
    Waiting,
    /// <summary>The dialog (and every dialog below it) ended this turn.</summary>
    Complete,
    /// <summary>The stack was cleared (cancel, menu, a person).</summary>
    Cancelled,
    /// <summary>Nothing was on the stack.</summary>
    Empty,
}

public readonly record struct DialogTurnResult(DialogTurnStatus Status, object? Result = null);

public enum DialogEndReason { Ended, Cancelled }

/// <summary>One dialog on the stack: which dialog, and its saved state (JSON, so it survives a restart).</summary>
public sealed class DialogInstance
{
    public required string Id { get; init; }
    public JsonNode? State { get; set; }
}

/// <summary>
/// Bot Builder's dialog: begun with options, continued by the worker's next message, resumed when a child dialog it
/// began ends. Dialog objects hold no per-conversation data: everything that must survive the turn is in the
/// <see cref="DialogInstance"/> state, so one instance serves every conversation.
/// </summary>
public abstract class Dialog(string id)
{
    public string Id { get; } = id;

    public abstract Task<DialogTurnResult> BeginAsync(DialogContext dialogs, object? options);

    public virtual Task<DialogTurnResult> ContinueAsync(DialogContext dialogs) => dialogs.EndDialogAsync();

    public virtual Task<DialogTurnResult> ResumeAsync(DialogContext dialogs, object? result) => dialogs.EndDialogAsync(result);

    /// <summary>Says again what the dialog is waiting for (after help, or in the new language after a switch).</summary>
    public virtual Task RepromptAsync(DialogContext dialogs, DialogInstance instance) => Task.CompletedTask;

    /// <summary>Called as the dialog leaves the stack; a cancelled intake forgets its draft here.</summary>
    public virtual Task EndAsync(DialogContext dialogs, DialogInstance instance, DialogEndReason reason) => Task.CompletedTask;
}

/// <summary>What a prompt ends with after its last retry: the dialogs above give up gracefully.</summary>
public sealed class GaveUp
{
    public static readonly GaveUp Instance = new();

    private GaveUp()
    {
    }
}
