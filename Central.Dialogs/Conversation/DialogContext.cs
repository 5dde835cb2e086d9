using System.Text.Json;

namespace Central.Dialogs.Conversation;

/// <summary>The dialog stack of one conversation during one turn, with Bot Builder's operations on it.</summary>
public sealed class DialogContext(DialogSet dialogs, TurnContext context, List<DialogInstance> stack)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TurnContext Context { get; } = context;

    public DialogInstance? Active => stack.Count == 0 ? null : stack[^1];

    public IReadOnlyList<DialogInstance> Stack => stack;

    public async Task<DialogTurnResult> BeginDialogAsync(string id, object? options = null)
    {
        var dialog = dialogs.Find(id);
        stack.Add(new DialogInstance { Id = id });
        return await dialog.BeginAsync(this, options);
    }

    public async Task<DialogTurnResult> ContinueDialogAsync() =>
        Active is { } active ? await dialogs.Find(active.Id).ContinueAsync(this) : new(DialogTurnStatus.Empty);

    /// <summary>Ends the active dialog and resumes its parent with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null)
    {
        if (Active is { } ending)
        {
            stack.RemoveAt(stack.Count - 1);
            await dialogs.Find(ending.Id).EndAsync(this, ending, DialogEndReason.Ended);
        }
        return Active is { } parent
            ? await dialogs.Find(parent.Id).ResumeAsync(this, result)
            : new(DialogTurnStatus.Complete, result);
    }

    public async Task<DialogTurnResult> ReplaceDialogAsync(string id, object? options = null)
    {
        if (Active is { } ending)
        {
            stack.RemoveAt(stack.Count - 1);
            await dialogs.Find(ending.Id).EndAsync(this, ending, DialogEndReason.Ended);
        }
        return await BeginDialogAsync(id, options);
    }

    /// <summary>Clears the stack, top first, telling each dialog it was cancelled.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync()
    {
        while (Active is { } ending)
        {
            stack.RemoveAt(stack.Count - 1);
            await dialogs.Find(ending.Id).EndAsync(this, ending, DialogEndReason.Cancelled);
        }
        return new(DialogTurnStatus.Cancelled);
    }

    public async Task RepromptAsync()
    {
        if (Active is { } active)
        {
            await dialogs.Find(active.Id).RepromptAsync(this, active);
        }
    }

    /// <summary>Whether a dialog with this id is anywhere on the stack.</summary>
    public bool IsActive(string id) => stack.Exists(d => d.Id == id);

    public static T? Read<T>(DialogInstance instance) => instance.State is null ? default : instance.State.Deserialize<T>(Json);

    public static void Write<T>(DialogInstance instance, T value) => instance.State = JsonSerializer.SerializeToNode(value, Json);
}
