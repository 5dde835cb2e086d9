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
    /// their words. Costs about 11 s of CPU the first time the content is indexed in a process, and 9 ms a question.
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
public sealed partial class KnowledgeBase : IDisposable
{
    private readonly KnowledgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeBase> _logger;
    private readonly Lock _reloading = new();
    private readonly FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private volatile KnowledgeSnapshot _current;

    public KnowledgeBase(IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<KnowledgeBase> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _current = Load();
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

    public KnowledgeSnapshot Current => _current;

    public KnowledgeContent Content => _current.Content;

    /// <summary>Raised after each reload (tests wait on it).</summary>
    public event Action<KnowledgeSnapshot>? Reloaded;

    public KnowledgeSnapshot Reload()
    {
        lock (_reloading)
        {
            _current = Load();
        }
        Reloaded?.Invoke(_current);
        return _current;
    }

    private void Changed()
    {
        lock (_reloading)
        {
            _debounce ??= _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _debounce.Change(_options.ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private KnowledgeSnapshot Load()
    {
        var started = Stopwatch.GetTimestamp();
        var content = KnowledgeContent.Load(_options.ResolvedContentPath);
        var index = KnowledgeIndex.Build(content, meaning: _options.MatchEnglishMeaning ? EnglishMeaning.Shared : null);
        foreach (var problem in content.Problems)
        {
            Log.InvalidEntry(_logger, problem.File, problem.EntryId ?? "-", problem.Message);
        }
        Log.Loaded(_logger, content.Entries.Count, content.Topics.Count, content.Problems.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new KnowledgeSnapshot(content, index);
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
    }
}
