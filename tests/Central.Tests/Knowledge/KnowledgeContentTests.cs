using Central.Dialogs.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Central.Tests.Knowledge;

/// <summary>The content files: every reviewed entry is valid, and a broken one is reported and left out, not served.</summary>
public sealed class KnowledgeContentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("central-knowledge-").FullName;

    [Fact]
    public void The_reviewed_content_has_no_invalid_entry()
    {
        var content = TestKnowledge.Base.Content;

        Assert.True(content.Problems.Count == 0, string.Join("\n", content.Problems));
        Assert.True(content.Entries.Count >= 120, $"only {content.Entries.Count} entries");
        Assert.Equal(15, content.Topics.Count);
        Assert.All(content.Entries.Values, e => Assert.True(AnswerMessage.Compose(e.Answer, e.Basis, e.Reviewed, Central.Dialogs.Conversation.Localization.Language.Km).Length <= KnowledgeContent.MaxMessage));
    }

    [Fact]
    public void No_entry_lists_the_same_question_twice()
    {
        // A repeated variant weighs double in search and teaches it nothing new.
        var repeated = TestKnowledge.Base.Content.Entries.Values
            .SelectMany(e => new[] { e.QuestionsKm, e.QuestionsEn, e.QuestionsRomanized }
                .SelectMany(questions => questions.GroupBy(q => q.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"{e.Id}: {g.Key}")))
            .ToList();

        Assert.Empty(repeated);
    }

    [Fact]
    public void An_invalid_entry_is_reported_with_its_file_and_id_and_the_others_are_still_served()
    {
        File.WriteAllText(Path.Combine(_folder, "wages.yaml"), $$"""
            topic: wages
            title: { km: "ប្រាក់ឈ្នួល", en: "Wages" }
            order: 1
            entries:
              - {{Entry("good", "[person]")}}
              - {{Entry("no-khmer-answer", "[person]").Replace("km: \"ចម្លើយ\"", "km: \"\"")}}
              - {{Entry("no-source", "[person]").Replace("source: \"https://example.org/a\"", "source: \"\"")}}
              - {{Entry("no-date", "[person]").Replace("reviewed: 2026-12-01", "reviewed: soon")}}
              - {{Entry("partial-without-person", "[report]").Replace("certainty: confirmed", "certainty: partial")}}
              - {{Entry("unknown-follow-up", "[nowhere]")}}
              - {{Entry("too-long", "[person]").Replace("en: \"Answer\"", $"en: \"{new string('a', 901)}\"")}}
              - {{Entry("good", "[person]")}}
            """);

        var content = KnowledgeContent.Load(_folder);

        Assert.Equal(["good"], content.Entries.Keys);
        var problems = content.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.StartsWith("wages.yaml [no-khmer-answer]: `answer` needs both km and en", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("wages.yaml [no-source]: needs a `source` link", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("wages.yaml [no-date]: needs a `reviewed` date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("wages.yaml [partial-without-person]: a partial answer must offer `person`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("wages.yaml [unknown-follow-up]: follow-ups that name no entry: nowhere", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("wages.yaml [too-long]: the en answer has 901 characters", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("wages.yaml [good]: the id is already used in wages.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_file_is_reloaded_and_a_broken_file_does_not_stop_the_rest()
    {
        File.WriteAllText(Path.Combine(_folder, "wages.yaml"), Topic("wages", Entry("first", "[person]")));
        using var knowledge = new KnowledgeBase(Options.Create(new KnowledgeOptions { ContentPath = _folder, ReloadDelay = TimeSpan.FromMilliseconds(50) }),
            TimeProvider.System, NullLogger<KnowledgeBase>.Instance);
        Assert.Equal(["first"], knowledge.Content.Entries.Keys);
        var reloaded = new TaskCompletionSource<KnowledgeSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        knowledge.Reloaded += s => { if (s.Content.Entries.ContainsKey("second")) { reloaded.TrySetResult(s); } };

        File.WriteAllText(Path.Combine(_folder, "wages.yaml"), Topic("wages", Entry("first", "[person]"), Entry("second", "[first]")));
        File.WriteAllText(Path.Combine(_folder, "leave.yaml"), "topic: leave\nentries: [ {id: broken");
        var snapshot = await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(["first", "second"], snapshot.Content.Entries.Keys.Order());
        Assert.Equal("second", SearchAnswer(snapshot, "question about second"));
    }

    [Fact]
    public async Task Questions_are_answered_from_the_start_and_English_ones_by_meaning_once_it_is_read()
    {
        using var knowledge = new KnowledgeBase(Options.Create(new KnowledgeOptions { Watch = false }), TimeProvider.System, NullLogger<KnowledgeBase>.Instance);

        Assert.Equal("minimum-wage-2026", SearchAnswer(knowledge.Current, "ប្រាក់ឈ្នួលអប្បបរមាឆ្នាំ២០២៦ប៉ុន្មាន?"));
        await knowledge.MeaningLearned.WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

        Assert.Equal("nssf-pension", SearchAnswer(knowledge.Current, "who looks after the money I saved for old age"));
    }

    private static string SearchAnswer(KnowledgeSnapshot snapshot, string question) =>
        snapshot.Index.Rank(question).First().EntryId;

    private static string Topic(string topic, params string[] entries) =>
        $"topic: {topic}\ntitle: {{ km: \"ប្រាក់ឈ្នួល\", en: \"Wages\" }}\norder: 1\nentries:\n" + string.Concat(entries.Select(e => "  - " + e + "\n"));

    private static string Entry(string id, string followUps) => $$"""
        id: {{id}}
        title: { km: "ចំណងជើង", en: "Title {{id}}" }
        questions: { km: ["សំណួរ {{id}}"], en: ["question about {{id}}"] }
        answer: { km: "ចម្លើយ", en: "Answer" }
        basis: { km: "ច្បាប់ស្តីពីការងារ", en: "Labour Law" }
        source: "https://example.org/a"
        reviewed: 2026-12-01
        certainty: confirmed
        follow_ups: {{followUps}}
        """.Replace("\n", "\n    ", StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
