using Central.Data.Audit;
using Central.Data.Cases;
using Central.Dialogs.Conversation;
using Central.Dialogs.Conversation.Menu;
using Central.Dialogs.Conversation.Prompts;

namespace Central.Dialogs.Cases.Privacy;

/// <summary>"Delete my data": says exactly what goes and what stays, asks once, then the engine erases after the turn.</summary>
public sealed class DeleteDataDialog() : Waterfall<DeleteDataDialog.Nothing>(ConversationEngine.DeleteDataDialogId, Confirm, DeleteOrKeep)
{
    private static readonly ConfirmPrompt ConfirmPrompt = new("delete-data.confirm", PrivacyTexts.ConfirmDelete, PrivacyTexts.RetryConfirmDelete);

    private static Task<DialogTurnResult> Confirm(WaterfallStep<Nothing> step) =>
        step.PromptAsync(ConfirmPrompt, new PromptOptions { Choices = [new(ConfirmPrompt.Yes, PrivacyTexts.DeleteYes), new(ConfirmPrompt.No, PrivacyTexts.DeleteNo)] });

    private static async Task<DialogTurnResult> DeleteOrKeep(WaterfallStep<Nothing> step)
    {
        if (!step.Answer<bool>())
        {
            step.Say(PrivacyTexts.NotDeleted);
            return await step.EndAsync(ShowMenu.Instance);
        }
        var cases = await step.Get<CaseStore>().ForContactAsync(step.Context.Contact.Id, step.CancellationToken);
        await step.Get<AuditLog>().WriteAsync("worker", "personal_data_deleted", string.Join(",", cases.Select(c => c.CaseNumber)), null, step.CancellationToken);
        step.Context.ForgetWorker = true;
        step.Say(PrivacyTexts.Deleted(cases.Count), MainMenu.Choices);
        return await step.EndAsync();
    }

    public sealed class Nothing;
}
