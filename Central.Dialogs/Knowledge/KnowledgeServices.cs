using Central.Dialogs.Conversation;
using Central.Dialogs.Knowledge.Calculators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Central.Dialogs.Knowledge;

public static class KnowledgeServices
{
    /// <summary>
    /// Question answering: the content (setting Knowledge:ContentPath; default the reviewed files beside the app),
    /// loaded and indexed at start-up and reloaded on change, the "answer" and "ask" dialogs, and the calculators.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration("Knowledge");
        services.AddSingleton<KnowledgeBase>();
        services.AddHostedService<KnowledgeLoader>();
        services.AddSingleton<Dialog, AnswerDialog>();
        services.AddSingleton<Dialog, BrowseDialog>();
        services.AddSingleton<Dialog, OvertimeCalculator>();
        services.AddSingleton<Dialog, WageCheck>();
        services.AddSingleton<Dialog, LeaveCalculator>();
        services.AddSingleton<Dialog, SeniorityCalculator>();
        return services;
    }

    /// <summary>Loads the content when the host starts, not on the first question.</summary>
    private sealed class KnowledgeLoader(KnowledgeBase knowledge) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = knowledge.Current;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
