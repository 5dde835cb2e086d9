using Central.Dialogs.Cases.FollowUp;
using Central.Dialogs.Cases.Intake;
using Central.Dialogs.Cases.Privacy;
using Central.Dialogs.Conversation;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Dialogs.Cases;

public static class CasesServices
{
    /// <summary>Taking reports, following them up, and deleting a worker's data, with evidence fetched at intake.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>().BindConfiguration("Evidence");
        services.AddHttpClient(EvidenceFetcher.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(60)).RemoveAllLoggers();
        services.AddSingleton<EvidenceFetcher>();
        services.AddSingleton<UrgentAlerts>();
        services.AddSingleton<Dialog, ComplaintDialog>();
        services.AddSingleton<Dialog, CheckCaseDialog>();
        services.AddSingleton<Dialog, DeleteDataDialog>();
        return services;
    }
}
