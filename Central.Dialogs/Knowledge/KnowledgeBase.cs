using System.Diagnostics;
using Central.Dialogs.Knowledge.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Central.Dialogs.Knowledge;

public sealed class KnowledgeOptions
{
    /// <summary>The folder of content files. Default: the reviewed content copied beside the app.</summary>
    public string? ContentPath { get; set; }

    /// <summary>How long the folder must be quiet after a change before it is reloaded (editors write in bursts).</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public bool Watch { get; set; } = true;

    /// <summary>
    /// Whether English questions are also matched by what they mean (<see cref="Search.EnglishMeaning"/>), not only by
    /// their words. Costs about 11 s of CPU once per process, in the background after start-up, and 9 ms a question.
    /// </summary>
    public bool MatchEnglishMeaning { get; set; } = true;

    public string ResolvedContentPath => string.IsNullOrWhiteSpace(ContentPath)
        ? Path.Combine(AppContext.BaseDirectory, "Knowledge", "Content")
        : Path.GetFullPath(ContentPath, AppContext.BaseDirectory);
}

/// <summary>What the bot answers from right now: the content and its search index, replaced whole on a reload.</summary>
public sealed record KnowledgeSnapshot(KnowledgeContent Content, KnowledgeIndex Index);

/// <summary>
/// Loads the content folder at start-up, reports every invalid entry (file and id, never worker data), indexes the
/// valid ones, and reloads when a file changes, a short quiet moment after the last change. A reload that finds a
/// broken file still serves the entries that are valid; conversations in progress keep working throughout.
/// </summary>
/// <remarks>
/// Start-up indexes the words only and answers at once; what the content's English questions mean is read in the
/// background (11-22 s of CPU) and swapped in when ready. Until then, or for good if the model cannot run on this
/// machine, English questions are matched by their words, as Khmer ones always are.
/// </remarks>
public sealed partial class KnowledgeBase : IDisposable
{
    private readonly KnowledgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeBase> _logger;
    private readonly Lock _reloading = new();
    private readonly FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private KnowledgeSnapshot _current;
    private readonly TaskCompletionSource _meaningLearned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _meaningFailed;

    public KnowledgeBase(IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<KnowledgeBase> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _current = Load(withMeaning: false);
        if (_options.MatchEnglishMeaning)
        {
            var wordsOnly = _current;
            _ = Task.Run(() => LearnMeaning(wordsOnly));
        }
        else
        {
            _meaningLearned.SetResult();
        }
        if (_options.Watch && Directory.Exists(_options.ResolvedContentPath))
        {
            _watcher = new FileSystemWatcher(_options.ResolvedContentPath, "*.yaml")
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                EnableRaisingEvents = true,
            };
            _watcher.Changed += (_, _) => Changed();
            _watcher.Created += (_, _) => Changed();
            _watcher.Deleted += (_, _) => Changed();
            _watcher.Renamed += (_, _) => Changed();
        }
    }

    public KnowledgeSnapshot Current => Volatile.Read(ref _current);

    public KnowledgeContent Content => Current.Content;

    /// <summary>
    /// Completes when English questions are matched by meaning as well as words, or at once when that is turned off;
    /// also when the model failed, which is logged.
    /// </summary>
    public Task MeaningLearned => _meaningLearned.Task;

    /// <summary>Raised after each reload of the content (tests wait on it); not when meanings are swapped in.</summary>
    public event Action<KnowledgeSnapshot>? Reloaded;

    public KnowledgeSnapshot Reload()
    {
        KnowledgeSnapshot loaded;
        lock (_reloading)
        {
            // Sentences met before are cached, so once the model is up a reload reads only what changed.
            loaded = Load(withMeaning: _options.MatchEnglishMeaning);
            Volatile.Write(ref _current, loaded);
        }
        Reloaded?.Invoke(loaded);
        return loaded;
    }

    private void Changed()
    {
        lock (_reloading)
        {
            _debounce ??= _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _debounce.Change(_options.ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private KnowledgeSnapshot Load(bool withMeaning)
    {
        var started = Stopwatch.GetTimestamp();
        var content = KnowledgeContent.Load(_options.ResolvedContentPath);
        var index = Index(content, withMeaning);
        foreach (var problem in content.Problems)
        {
            Log.InvalidEntry(_logger, problem.File, problem.EntryId ?? "-", problem.Message);
        }
        Log.Loaded(_logger, content.Entries.Count, content.Topics.Count, content.Problems.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new KnowledgeSnapshot(content, index);
    }

    private void LearnMeaning(KnowledgeSnapshot wordsOnly)
    {
        var started = Stopwatch.GetTimestamp();
        var withMeaning = wordsOnly with { Index = Index(wordsOnly.Content, withMeaning: true) };
        if (!_meaningFailed)
        {
            lock (_reloading)
            {
                // A reload in the meantime read the meanings itself, for newer content.
                if (ReferenceEquals(_current, wordsOnly))
                {
                    Volatile.Write(ref _current, withMeaning);
                }
            }
            Log.MeaningLearned(_logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        _meaningLearned.SetResult();
    }

    private KnowledgeIndex Index(KnowledgeContent content, bool withMeaning)
    {
        if (withMeaning && !_meaningFailed)
        {
            try
            {
                return KnowledgeIndex.Build(content, meaning: EnglishMeaning.Shared);
            }
            catch (Exception e)
            {
                // ONNX Runtime ships native code for the usual platforms only; the service must not stop for it.
                _meaningFailed = true;
                Log.MeaningFailed(_logger, e);
            }
        }
        return KnowledgeIndex.Build(content);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge content {File}, entry {EntryId}, is not served: {Problem}")]
        public static partial void InvalidEntry(ILogger logger, string file, string entryId, string problem);

        [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge loaded: {Entries} entries in {Topics} topics, {Problems} problems, in {Milliseconds} ms")]
        public static partial void Loaded(ILogger logger, int entries, int topics, int problems, long milliseconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "English questions are now matched by meaning as well as words (model and content read in {Milliseconds} ms)")]
        public static partial void MeaningLearned(ILogger logger, long milliseconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "English meaning is unavailable on this machine; English questions are matched by their words only")]
        public static partial void MeaningFailed(ILogger logger, Exception exception);
    }
}
