using Central.Dialogs.Conversation.Localization;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Conversation;

public delegate Task<DialogTurnResult> WaterfallStepHandler<TState>(WaterfallStep<TState> step) where TState : class, new();

/// <summary>
/// A dialog whose steps read as the conversation it holds: each step asks one thing (usually through a prompt) and
/// the next step receives the answer. <typeparamref name="TState"/> is the typed state the steps fill in; it is saved
/// between turns. A prompt that gives up after its retries makes the whole waterfall give up (<see cref="GaveUp"/>).
/// </summary>
public abstract class Waterfall<TState> : Dialog where TState : class, new()
{
    private readonly WaterfallStepHandler<TState>[] _steps;

    protected Waterfall(string id, params WaterfallStepHandler<TState>[] steps) : base(id) => _steps = steps;

    public override Task<DialogTurnResult> BeginAsync(DialogContext dialogs, object? options) =>
        RunAsync(dialogs, new Saved { State = options as TState ?? new TState(), Step = -1 }, 0, options);

    /// <summary>A step that waited for the worker (<see cref="WaterfallStep{TState}.WaitForInput"/>) gets the turn as its result.</summary>
    public override Task<DialogTurnResult> ContinueAsync(DialogContext dialogs)
    {
        var saved = Load(dialogs);
        return RunAsync(dialogs, saved, saved.Step + 1, dialogs.Context.Turn);
    }

    public override Task<DialogTurnResult> ResumeAsync(DialogContext dialogs, object? result)
    {
        if (result is GaveUp)
        {
            return dialogs.EndDialogAsync(GaveUp.Instance);
        }
        var saved = Load(dialogs);
        return RunAsync(dialogs, saved, saved.Step + 1, result);
    }

    internal int IndexOf(WaterfallStepHandler<TState> handler)
    {
        var index = Array.IndexOf(_steps, handler);
        return index >= 0 ? index : throw new ArgumentException($"{handler.Method.Name} is not a step of {Id}.", nameof(handler));
    }

    internal async Task<DialogTurnResult> RunAsync(DialogContext dialogs, Saved saved, int index, object? result)
    {
        if (index >= _steps.Length)
        {
            return await dialogs.EndDialogAsync(saved.State);
        }
        saved.Step = index;
        var instance = dialogs.Active!;
        DialogContext.Write(instance, saved);
        var step = new WaterfallStep<TState>(this, dialogs, saved, result);
        var outcome = await _steps[index](step);
        // The step may have changed its state after prompting; save it unless the waterfall already left the stack.
        if (dialogs.Stack.Contains(instance))
        {
            DialogContext.Write(instance, saved);
        }
        return outcome;
    }

    private static Saved Load(DialogContext dialogs)
    {
        // The waterfall is below its prompt while the prompt runs; when resumed it is on top again.
        return DialogContext.Read<Saved>(dialogs.Active!) ?? new Saved { State = new TState(), Step = -1 };
    }

    internal sealed class Saved
    {
        public TState State { get; set; } = new();
        public int Step { get; set; }
    }
}

/// <summary>One step of a <see cref="Waterfall{TState}"/>: its state, the previous step's answer, and what it can do next.</summary>
public sealed class WaterfallStep<TState> where TState : class, new()
{
    private readonly Waterfall<TState> _waterfall;
    private readonly Waterfall<TState>.Saved _saved;

    internal WaterfallStep(Waterfall<TState> waterfall, DialogContext dialogs, Waterfall<TState>.Saved saved, object? result)
    {
        _waterfall = waterfall;
        _saved = saved;
        Dialogs = dialogs;
        Result = result;
    }

    public DialogContext Dialogs { get; }

    public TurnContext Context => Dialogs.Context;

    public Turn Turn => Context.Turn;

    public Language Language => Context.Language;

    public CancellationToken CancellationToken => Context.CancellationToken;

    public TState State
    {
        get => _saved.State;
        set => _saved.State = value;
    }

    /// <summary>What the previous step or prompt produced (a prompt's recognised value).</summary>
    public object? Result { get; }

    public T Answer<T>() => Result is T value ? value : throw new InvalidOperationException($"Expected a {typeof(T).Name} from the previous step, got {Result?.GetType().Name ?? "nothing"}.");

    public T Get<T>() where T : notnull => Context.Get<T>();

    public void Say(Text body, params IEnumerable<Choice> choices) => Context.Say(body, choices);

    public Task<DialogTurnResult> PromptAsync(Dialog prompt, PromptOptions? options = null) => Dialogs.BeginDialogAsync(prompt.Id, options);

    public Task<DialogTurnResult> BeginAsync(string dialogId, object? options = null) => Dialogs.BeginDialogAsync(dialogId, options);

    /// <summary>Goes on to the next step at once, handing it <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null) =>
        _waterfall.RunAsync(Dialogs, _saved, _saved.Step + 1, result);

    /// <summary>Jumps to another step (to correct an answer from the summary, say).</summary>
    public Task<DialogTurnResult> GoToAsync(WaterfallStepHandler<TState> step, object? result = null) =>
        _waterfall.RunAsync(Dialogs, _saved, _waterfall.IndexOf(step), result);

    /// <summary>Waits for the worker's next message; the next step receives that <see cref="Turn"/>.</summary>
    public DialogTurnResult WaitForInput() => new(DialogTurnStatus.Waiting);

    public Task<DialogTurnResult> EndAsync(object? result = null) => Dialogs.EndDialogAsync(result);
}
