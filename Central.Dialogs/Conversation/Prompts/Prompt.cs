using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Prompts;

/// <summary>
/// What a prompt asks this time. The prompt's own defaults fill what is left out; everything here is saved in the
/// dialog state, so a restart or a language switch asks the same question again, in the worker's language now.
/// </summary>
public sealed record PromptOptions
{
    public Text? Question { get; init; }
    public Text? Retry { get; init; }
    public IReadOnlyList<Choice>? Choices { get; init; }
}

/// <summary>
/// Bot Builder's prompt: asks, recognises the answer, validates it, and asks again with the retry message when it
/// is not understood — up to <see cref="MaxAttempts"/> times, then ends with <see cref="GaveUp"/> so the dialogs above
/// can end gracefully. A validator returns null for a good value, or the message that says what is wrong.
/// </summary>
public abstract class Prompt<T>(string id, Text question, Text retry) : Dialog(id)
{
    public int MaxAttempts { get; init; } = 3;

    public Func<T, Text?>? Validator { get; init; }

    public override Task<DialogTurnResult> BeginAsync(DialogContext dialogs, object? options)
    {
        var given = options as PromptOptions ?? new PromptOptions();
        var state = new PromptState
        {
            Options = new PromptOptions
            {
                Question = given.Question ?? question,
                Retry = given.Retry ?? retry,
                Choices = given.Choices ?? DefaultChoices,
            },
        };
        DialogContext.Write(dialogs.Active!, state);
        Ask(dialogs.Context, state, state.Options.Question!);
        return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Waiting));
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dialogs)
    {
        var instance = dialogs.Active!;
        var state = DialogContext.Read<PromptState>(instance)!;
        if (HandlePaging(dialogs.Context, state))
        {
            DialogContext.Write(instance, state);
            Ask(dialogs.Context, state, state.Options.Question!);
            return new(DialogTurnStatus.Waiting);
        }
        var recognised = Recognize(dialogs.Context, state.Options);
        Text? problem = null;
        if (recognised.Succeeded && (problem = Validator?.Invoke(recognised.Value!)) is null)
        {
            return await dialogs.EndDialogAsync(recognised.Value);
        }
        state.Attempts++;
        if (state.Attempts >= MaxAttempts)
        {
            return await dialogs.EndDialogAsync(GaveUp.Instance);
        }
        DialogContext.Write(instance, state);
        Ask(dialogs.Context, state, problem ?? state.Options.Retry!);
        return new(DialogTurnStatus.Waiting);
    }

    /// <summary>Something interrupted the prompt (a question answered on top of it): ask again.</summary>
    public override async Task<DialogTurnResult> ResumeAsync(DialogContext dialogs, object? result)
    {
        await RepromptAsync(dialogs, dialogs.Active!);
        return new(DialogTurnStatus.Waiting);
    }

    public override Task RepromptAsync(DialogContext dialogs, DialogInstance instance)
    {
        var state = DialogContext.Read<PromptState>(instance)!;
        Ask(dialogs.Context, state, state.Options.Question!);
        return Task.CompletedTask;
    }

    protected virtual IReadOnlyList<Choice>? DefaultChoices => null;

    protected abstract Recognition<T> Recognize(TurnContext context, PromptOptions options);

    /// <summary>Quick replies can hold 13 buttons; longer lists are shown a page at a time with a "More" button.</summary>
    private const int PageSize = 10;
    private const string NextPage = "PAGE:NEXT";

    private static bool HandlePaging(TurnContext context, PromptState state)
    {
        if (context.Turn.Payload != NextPage || state.Options.Choices is not { Count: > 13 } choices)
        {
            return false;
        }
        state.Page = (state.Page + 1) * PageSize >= choices.Count ? 0 : state.Page + 1;
        return true;
    }

    private static void Ask(TurnContext context, PromptState state, Text text)
    {
        var choices = state.Options.Choices ?? [];
        if (choices.Count > 13)
        {
            var page = choices.Skip(state.Page * PageSize).Take(PageSize).ToList();
            page.Add(new Choice(NextPage, PromptTexts.More));
            choices = page;
        }
        context.Say(text, choices);
    }

    private sealed class PromptState
    {
        public PromptOptions Options { get; set; } = new();
        public int Attempts { get; set; }
        public int Page { get; set; }
    }
}

public readonly record struct Recognition<T>(bool Succeeded, T? Value)
{
    public static Recognition<T> Of(T value) => new(true, value);

    public static Recognition<T> None => new(false, default);
}
