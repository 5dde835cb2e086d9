using Central.Dialogs.Knowledge;
using TestBot = Central.Tests.Conversation.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Central.Tests.Knowledge;

/// <summary>The reviewed content, loaded and indexed once for all the tests (as the service does at start-up).</summary>
internal static class TestKnowledge
{
    private static readonly Lazy<KnowledgeBase> Shared = new(() =>
    {
        var knowledge = new KnowledgeBase(Options.Create(new KnowledgeOptions { Watch = false }), TimeProvider.System, NullLogger<KnowledgeBase>.Instance);
        // As a service that has been up a few seconds: English matched by meaning too.
        knowledge.MeaningLearned.Wait();
        return knowledge;
    });

    public static KnowledgeBase Base => Shared.Value;

    /// <summary>A worker talking to the bot with question answering registered, as Program.cs does.</summary>
    public static TestBot NewBot() => new(services => services.AddKnowledge().AddSingleton(Base));
}
