using System.Net;
using Central.Data.Caseworkers;
using Central.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Central.Tests.Workspace;

/// <summary>Sessions slide while a caseworker works, end after 30 idle minutes, and end after 12 hours whatever happens.</summary>
public sealed class SessionTimeoutTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private CentralApp _app = null!;
    private Uri _server = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new CentralApp(services: services => services.AddSingleton<TimeProvider>(_time));
        using var http = _app.Start();
        _server = http.BaseAddress!;
        await WorkspaceBrowser.AddAccountAsync(_app, "dara@central.test", CaseworkerRole.Caseworker);
    }

    [Fact]
    public async Task Thirty_idle_minutes_end_the_session()
    {
        using var browser = await WorkspaceBrowser.SignedInAsync(_server, "dara@central.test");

        _time.Advance(TimeSpan.FromMinutes(29));
        var stillIn = await browser.GetAsync("/workspace");
        _time.Advance(TimeSpan.FromMinutes(31));
        var timedOut = await browser.GetAsync("/workspace");

        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, timedOut.StatusCode);
        Assert.StartsWith("/workspace/sign-in", timedOut.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_session_slides_but_ends_twelve_hours_after_sign_in()
    {
        using var browser = await WorkspaceBrowser.SignedInAsync(_server, "dara@central.test");

        var answers = new List<HttpStatusCode>();
        for (var hour = 0; hour < 13 * 3; hour++)
        {
            _time.Advance(TimeSpan.FromMinutes(20));
            answers.Add((await browser.GetAsync("/workspace")).StatusCode);
        }

        // answers[i] came (i + 1) × 20 minutes after sign-in: every one up to 11 h 40 min is in, none after 12 h.
        Assert.All(answers[..35], a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.All(answers[36..], a => Assert.Equal(HttpStatusCode.Redirect, a));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
