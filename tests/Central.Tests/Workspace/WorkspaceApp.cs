using Central.Data.Caseworkers;
using Central.Data.Cases;
using Central.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Workspace;

/// <summary>
/// The real host with its Messenger channel pointed at a Graph stand-in, shared by a test class: one account per
/// role is created up front; tests that change accounts make their own. A subclass can start more stand-ins and
/// give the host their settings (<see cref="TranslatingWorkspaceApp"/>).
/// </summary>
public class WorkspaceApp : IAsyncLifetime
{
    public const string CaseworkerEmail = "dara@central.test";
    public const string OtherCaseworkerEmail = "sokha@central.test";
    public const string SupervisorEmail = "vanna@central.test";
    public const string AdminEmail = "admin@central.test";

    public GraphStandIn Graph { get; private set; } = null!;

    public CentralApp App { get; private set; } = null!;

    public Uri Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        Graph = await GraphStandIn.StartAsync();
        App = new CentralApp(Graph.GraphApiUrl, await StartStandInsAsync());
        Http = App.Start();
        Server = Http.BaseAddress!;
        await WorkspaceBrowser.AddAccountAsync(App, CaseworkerEmail, CaseworkerRole.Caseworker, "Dara");
        await WorkspaceBrowser.AddAccountAsync(App, OtherCaseworkerEmail, CaseworkerRole.Caseworker, "Sokha");
        await WorkspaceBrowser.AddAccountAsync(App, SupervisorEmail, CaseworkerRole.Supervisor, "Vanna");
        await WorkspaceBrowser.AddAccountAsync(App, AdminEmail, CaseworkerRole.Admin, "Admin");
    }

    /// <summary>Starts the stand-ins a subclass needs before the host, and returns the host's settings for them.</summary>
    protected virtual Task<Dictionary<string, string?>> StartStandInsAsync() => Task.FromResult(new Dictionary<string, string?>());

    public Task<WorkspaceBrowser> SignInAsync(string email) => WorkspaceBrowser.SignedInAsync(Server, email);

    public async Task<OpenedCase> OpenCaseAsync(NewCase? report = null) =>
        await Get<CaseStore>().OpenAsync(report ?? Some.WageComplaint(), TestContext.Current.CancellationToken);

    public virtual async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Graph.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
