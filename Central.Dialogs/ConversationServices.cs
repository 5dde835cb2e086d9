using Central.Data.Audit;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Data.Contacts;
using Central.Data.Conversations;
using Central.Data.Messaging;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Menu;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Dialogs;

public static class ConversationServices
{
    /// <summary>
    /// The conversation core and the stores it stands on. Expects a <see cref="Data.Storage.Database"/>, a
    /// <see cref="Data.Storage.PersonalDataCipher"/> and a <see cref="TimeProvider"/> to be registered.
    /// Features add their dialogs as <c>services.AddSingleton&lt;Dialog, TheirDialog&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddSingleton<IConversationStateStore, ConversationStateStore>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<WorkerUpdateStore>();
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<DraftEvidenceStore>();
        services.AddSingleton<InboxStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseworkerStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Dialog, MainMenu>();
        services.AddSingleton(sp => new DialogSet(sp.GetServices<Dialog>()));
        services.AddSingleton<ConversationEngine>();
        return services;
    }
}
