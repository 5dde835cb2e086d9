using System.Globalization;
using System.Text;
using Central.Dialogs.Conversation.Localization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Central.Dialogs.Knowledge;

/// <summary>Text that exists in both languages (content, not a string table).</summary>
public sealed record Bilingual(string Km, string En)
{
    public string In(Language language) => language == Language.Km ? Km : En;

    public Text AsText() => Text.Bilingual(Km, En);
}

public enum Certainty { Confirmed, Partial }

/// <summary>One reviewed answer: how workers ask for it, what the bot says, and what it rests on.</summary>
public sealed record KnowledgeEntry(
    string Id,
    string Topic,
    Bilingual Title,
    IReadOnlyList<string> QuestionsKm,
    IReadOnlyList<string> QuestionsEn,
    IReadOnlyList<string> QuestionsRomanized,
    Bilingual Answer,
    Bilingual Basis,
    string Source,
    DateOnly Reviewed,
    Certainty Certainty,
    IReadOnlyList<string> FollowUps,
    IReadOnlyList<string> AlsoIn)
{
    public const string Report = "report";
    public const string Person = "person";
    public const string DeleteData = "delete-data";

    /// <summary>Follow-ups that are buttons for an action, not other entries.</summary>
    public static bool IsAction(string followUp) => followUp is Report or Person or DeleteData;

    public IEnumerable<string> Questions => QuestionsKm.Concat(QuestionsEn).Concat(QuestionsRomanized);
}

/// <summary>A topic as the browse menu shows it: its entries in file order, then those listed here from other topics.</summary>
public sealed record KnowledgeTopic(string Id, Bilingual Title, int Order, IReadOnlyList<string> EntryIds);

/// <summary>Why an entry (or a whole file) is not served. Names the file and the entry id, never worker data.</summary>
public sealed record ContentProblem(string File, string? EntryId, string Message)
{
    public override string ToString() => EntryId is null ? $"{File}: {Message}" : $"{File} [{EntryId}]: {Message}";
}

/// <summary>
/// The content files of one folder, parsed and checked (the format is in Content/README.md). An entry that
/// fails a check is left out with a <see cref="ContentProblem"/>; the others are still served. A follow-up naming no
/// entry at all is a problem of the entry that names it; one naming an entry that was left out is only dropped.
/// </summary>
public sealed class KnowledgeContent
{
    /// <summary>Messenger's limit for one text message: the answer and its footer must fit in one.</summary>
    public const int MaxMessage = 2000;
    public const int MaxAnswer = 900;
    public const int MaxTopicTitle = 20;
    public const int MaxEntryTitle = 40;

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private KnowledgeContent(IReadOnlyList<KnowledgeTopic> topics, IReadOnlyDictionary<string, KnowledgeEntry> entries, IReadOnlyList<ContentProblem> problems)
    {
        Topics = topics;
        Entries = entries;
        Problems = problems;
    }

    public IReadOnlyList<KnowledgeTopic> Topics { get; }

    public IReadOnlyDictionary<string, KnowledgeEntry> Entries { get; }

    public IReadOnlyList<ContentProblem> Problems { get; }

    public static KnowledgeContent Empty { get; } = new([], new Dictionary<string, KnowledgeEntry>(), []);

    public KnowledgeEntry? Find(string id) => Entries.GetValueOrDefault(id);

    public static KnowledgeContent Load(string folder)
    {
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new ContentProblem(folder, null, "the content folder does not exist (setting Knowledge:ContentPath)"));
            return new KnowledgeContent([], new Dictionary<string, KnowledgeEntry>(), problems);
        }
        var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => (Name: Path.GetFileName(path), Text: File.ReadAllText(path, Encoding.UTF8)));
        return Parse(files, problems);
    }

    /// <summary>Parses content given as (file name, YAML text) pairs; what <see cref="Load"/> does after reading the folder.</summary>
    public static KnowledgeContent Parse(IEnumerable<(string Name, string Text)> files, List<ContentProblem>? problems = null)
    {
        problems ??= [];
        var topics = new List<(TopicFile File, string Name, List<KnowledgeEntry> Entries)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            TopicFile? file;
            try
            {
                file = Yaml.Deserialize<TopicFile>(text);
            }
            catch (YamlException e)
            {
                problems.Add(new ContentProblem(name, null, $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}"));
                continue;
            }
            if (file is null || string.IsNullOrWhiteSpace(file.Topic))
            {
                problems.Add(new ContentProblem(name, null, "no `topic`"));
                continue;
            }
            if (name != file.Topic + ".yaml")
            {
                problems.Add(new ContentProblem(name, null, $"topic '{file.Topic}' does not match the file name"));
            }
            var topicTitle = BilingualOf(file.Title);
            if (topicTitle is null || topicTitle.Km.Length > MaxTopicTitle || topicTitle.En.Length > MaxTopicTitle)
            {
                problems.Add(new ContentProblem(name, null, $"the topic title needs Khmer and English of at most {MaxTopicTitle} characters"));
                continue;
            }
            var entries = new List<KnowledgeEntry>();
            foreach (var raw in file.Entries ?? [])
            {
                var id = raw.Id?.Trim();
                if (string.IsNullOrEmpty(id))
                {
                    problems.Add(new ContentProblem(name, null, "an entry has no `id`"));
                    continue;
                }
                if (seen.TryGetValue(id, out var other))
                {
                    problems.Add(new ContentProblem(name, id, $"the id is already used in {other}"));
                    continue;
                }
                seen[id] = name;
                var errors = new List<string>();
                var entry = Check(raw, file.Topic, errors);
                if (entry is null)
                {
                    problems.AddRange(errors.Select(error => new ContentProblem(name, id, error)));
                    continue;
                }
                entries.Add(entry);
            }
            topics.Add((file, name, entries));
        }

        var all = topics.SelectMany(t => t.Entries).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var resolved = new Dictionary<string, KnowledgeEntry>(StringComparer.Ordinal);
        foreach (var (_, name, entries) in topics)
        {
            foreach (var entry in entries)
            {
                var unknown = entry.FollowUps.Where(f => !KnowledgeEntry.IsAction(f) && !seen.ContainsKey(f)).ToList();
                if (unknown.Count > 0)
                {
                    problems.Add(new ContentProblem(name, entry.Id, $"follow-ups that name no entry: {string.Join(", ", unknown)}"));
                    continue;
                }
                var unknownTopics = entry.AlsoIn.Where(t => !topics.Exists(x => x.File.Topic == t)).ToList();
                if (unknownTopics.Count > 0)
                {
                    problems.Add(new ContentProblem(name, entry.Id, $"also_in names no topic: {string.Join(", ", unknownTopics)}"));
                    continue;
                }
                // A follow-up to an entry that was itself left out (and reported) is dropped, so one bad entry
                // does not take its neighbours down with it.
                resolved[entry.Id] = entry with { FollowUps = [.. entry.FollowUps.Where(f => KnowledgeEntry.IsAction(f) || all.ContainsKey(f))] };
            }
        }

        var topicList = topics
            .Select(t => new KnowledgeTopic(
                t.File.Topic!,
                BilingualOf(t.File.Title)!,
                t.File.Order,
                [.. t.Entries.Where(e => resolved.ContainsKey(e.Id)).Select(e => e.Id)
                    .Concat(resolved.Values.Where(e => e.AlsoIn.Contains(t.File.Topic!)).Select(e => e.Id))]))
            .Where(t => t.EntryIds.Count > 0)
            .OrderBy(t => t.Order).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        return new KnowledgeContent(topicList, resolved, problems);
    }

    private static KnowledgeEntry? Check(RawEntry raw, string topic, List<string> errors)
    {
        var title = Both(raw.Title, "title", errors);
        var answer = Both(raw.Answer, "answer", errors);
        var basis = Both(raw.Basis, "basis", errors);
        if (title is not null && (title.Km.Length > MaxEntryTitle || title.En.Length > MaxEntryTitle))
        {
            errors.Add($"the title is longer than {MaxEntryTitle} characters");
        }
        if (answer is not null)
        {
            foreach (var language in (Language[])[Language.Km, Language.En])
            {
                var text = answer.In(language);
                if (text.Length > MaxAnswer)
                {
                    errors.Add($"the {language.Code()} answer has {text.Length} characters (at most {MaxAnswer})");
                }
                if (basis is not null && raw.Reviewed is not null && DateOnly.TryParseExact(raw.Reviewed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    && AnswerMessage.Compose(answer, basis, day, language).Length > MaxMessage)
                {
                    errors.Add($"the {language.Code()} answer with its footer is longer than one Messenger message ({MaxMessage} characters)");
                }
            }
        }
        var km = Questions(raw.Questions?.Km);
        var en = Questions(raw.Questions?.En);
        var romanized = Questions(raw.Questions?.Romanized);
        if (km.Count == 0 || en.Count == 0)
        {
            errors.Add("needs question variants in Khmer and in English");
        }
        if (string.IsNullOrWhiteSpace(raw.Source) || !Uri.TryCreate(raw.Source.Trim(), UriKind.Absolute, out var source) || source.Scheme is not ("http" or "https"))
        {
            errors.Add("needs a `source` link (http or https)");
        }
        if (!DateOnly.TryParseExact(raw.Reviewed?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reviewed))
        {
            errors.Add("needs a `reviewed` date (yyyy-mm-dd)");
        }
        Certainty? certainty = raw.Certainty?.Trim() switch
        {
            "confirmed" => Certainty.Confirmed,
            "partial" => Certainty.Partial,
            _ => null,
        };
        var followUps = (raw.FollowUps ?? []).Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (certainty is null)
        {
            errors.Add("`certainty` must be confirmed or partial");
        }
        else if (certainty == Certainty.Partial && !followUps.Contains(KnowledgeEntry.Person))
        {
            errors.Add("a partial answer must offer `person` among its follow-ups");
        }
        if (followUps.Count is < 1 or > 4)
        {
            errors.Add("needs 1 to 4 follow-ups");
        }
        if (errors.Count > 0)
        {
            return null;
        }
        return new KnowledgeEntry(raw.Id!.Trim(), topic, title!, km, en, romanized, answer!, basis!, raw.Source!.Trim(), reviewed, certainty!.Value,
            followUps, [.. (raw.AlsoIn ?? []).Select(t => t.Trim())]);
    }

    private static Bilingual? Both(Dictionary<string, string>? texts, string field, List<string> errors)
    {
        var value = BilingualOf(texts);
        if (value is null)
        {
            errors.Add($"`{field}` needs both km and en");
        }
        else if (!value.Km.Any(c => c is >= '\u1780' and <= '\u17FF'))
        {
            errors.Add($"`{field}.km` has no Khmer letters");
        }
        return value;
    }

    private static Bilingual? BilingualOf(Dictionary<string, string>? texts)
    {
        var km = texts?.GetValueOrDefault("km")?.Trim();
        var en = texts?.GetValueOrDefault("en")?.Trim();
        return string.IsNullOrEmpty(km) || string.IsNullOrEmpty(en) ? null : new Bilingual(km.Normalize(NormalizationForm.FormC), en);
    }

    private static List<string> Questions(List<string>? questions) =>
        [.. (questions ?? []).Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q.Trim())];

    // The YAML as written; checked into KnowledgeEntry above.
    private sealed class TopicFile
    {
        public string? Topic { get; set; }
        public Dictionary<string, string>? Title { get; set; }
        public int Order { get; set; }
        public List<RawEntry>? Entries { get; set; }
    }

    private sealed class RawEntry
    {
        public string? Id { get; set; }
        public Dictionary<string, string>? Title { get; set; }
        public RawQuestions? Questions { get; set; }
        public Dictionary<string, string>? Answer { get; set; }
        public Dictionary<string, string>? Basis { get; set; }
        public string? Source { get; set; }
        public string? Reviewed { get; set; }
        public string? Certainty { get; set; }
        public List<string>? FollowUps { get; set; }
        public List<string>? AlsoIn { get; set; }
    }

    private sealed class RawQuestions
    {
        public List<string>? Km { get; set; }
        public List<string>? En { get; set; }
        public List<string>? Romanized { get; set; }
    }
}
