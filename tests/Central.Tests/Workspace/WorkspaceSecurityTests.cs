using System.Net;
using Central.Data.Audit;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Central.Tests.Workspace;

/// <summary>Who may open what, forms that only work from the workspace's own pages, lockout, and hostile text kept inert.</summary>
public sealed class WorkspaceSecurityTests(WorkspaceApp workspace) : IClassFixture<WorkspaceApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Pages() => ["/workspace", "/workspace/cases/C-2026-00001", "/workspace/conversations", "/workspace/conversations/1",
        "/workspace/reports", "/workspace/admin", "/workspace/admin/accounts", "/workspace/queue.csv", "/workspace/cases/C-2026-00001/evidence/1"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_page(string path)
    {
        using var anonymous = new WorkspaceBrowser(workspace.Server);

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/workspace/sign-in?returnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkspaceApp.CaseworkerEmail, "/workspace", true)]
    [InlineData(WorkspaceApp.CaseworkerEmail, "/workspace/reports", true)]
    [InlineData(WorkspaceApp.CaseworkerEmail, "/workspace/conversations", true)]
    [InlineData(WorkspaceApp.CaseworkerEmail, "/workspace/queue.csv", true)]
    [InlineData(WorkspaceApp.CaseworkerEmail, "/workspace/queue.csv?personal=true", false)]
    [InlineData(WorkspaceApp.CaseworkerEmail, "/workspace/admin", false)]
    [InlineData(WorkspaceApp.CaseworkerEmail, "/workspace/admin/accounts", false)]
    [InlineData(WorkspaceApp.SupervisorEmail, "/workspace", true)]
    [InlineData(WorkspaceApp.SupervisorEmail, "/workspace/queue.csv?personal=true", true)]
    [InlineData(WorkspaceApp.SupervisorEmail, "/workspace/admin", false)]
    [InlineData(WorkspaceApp.SupervisorEmail, "/workspace/admin/accounts", false)]
    [InlineData(WorkspaceApp.AdminEmail, "/workspace", true)]
    [InlineData(WorkspaceApp.AdminEmail, "/workspace/queue.csv?personal=true", true)]
    [InlineData(WorkspaceApp.AdminEmail, "/workspace/admin", true)]
    [InlineData(WorkspaceApp.AdminEmail, "/workspace/admin/accounts", true)]
    public async Task Each_role_opens_what_it_may_and_is_refused_the_rest(string email, string path, bool allowed)
    {
        using var browser = await workspace.SignInAsync(email);

        var response = await browser.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/workspace/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            var denied = await browser.GetAsync(response.Headers.Location.PathAndQuery);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
    }

    [Fact]
    public async Task Only_a_supervisor_can_assign_a_case()
    {
        var opened = await workspace.OpenCaseAsync();
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var caseworker = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        using var supervisor = await workspace.SignInAsync(WorkspaceApp.SupervisorEmail);
        var dara = (await workspace.Get<CaseworkerStore>().FindByEmailAsync(WorkspaceApp.CaseworkerEmail, Ct))!.Id;
        Dictionary<string, string> Fields() => new() { ["version"] = "1", ["caseworkerId"] = dara.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var refused = await caseworker.PostFormAsync(page, page + "?handler=Assign", Fields());
        var done = await supervisor.PostFormAsync(page, page + "?handler=Assign", Fields());

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/workspace/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(dara, (await workspace.Get<CaseStore>().FindAsync(opened.CaseNumber, Ct))!.AssignedTo);
    }

    [Fact]
    public void Every_workspace_endpoint_requires_a_policy_except_sign_in_and_its_helpers()
    {
        var anonymous = new[] { "workspace/sign-in", "workspace/sign-out", "workspace/language", "workspace/denied", "workspace/workspace.css" };
        var endpoints = workspace.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("workspace", StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(endpoints.Count >= 12, $"found only {endpoints.Count} workspace endpoints");
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText!.TrimStart('/');
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (anonymous.Contains(route))
            {
                Assert.True(open, $"{route} should be open to anonymous visitors");
            }
            else
            {
                Assert.False(open, $"{route} allows anonymous access");
                Assert.Contains("workspace-caseworker", policies);
            }
        }
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var opened = await workspace.OpenCaseAsync();
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        var noToken = await browser.PostFormAsync(page, page + "?handler=Note", new() { ["text"] = "forged note" }, withToken: false);
        var claim = await browser.PostFormAsync(page, page + "?handler=Claim", new(), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, claim.StatusCode);
        var events = await workspace.Get<CaseStore>().EventsAsync(opened.Id, Ct);
        Assert.Equal(["opened"], events.Select(e => e.Action));
        Assert.Null((await workspace.Get<CaseStore>().FindAsync(opened.Id, Ct))!.AssignedTo);
    }

    [Fact]
    public async Task A_token_from_another_persons_session_is_refused()
    {
        var opened = await workspace.OpenCaseAsync();
        var page = $"/workspace/cases/{opened.CaseNumber}";
        using var victim = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);
        using var attacker = await workspace.SignInAsync(WorkspaceApp.OtherCaseworkerEmail);
        var attackersToken = WorkspaceBrowser.Token(await attacker.GetPageAsync(page));

        var forged = await victim.PostFormAsync(page, page + "?handler=Note",
            new() { ["text"] = "forged", ["__RequestVerificationToken"] = attackersToken }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(await workspace.Get<CaseStore>().EventsAsync(opened.Id, Ct), e => e.Action == "note");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        const string email = "lockout@central.test";
        await WorkspaceBrowser.AddAccountAsync(workspace.App, email, CaseworkerRole.Caseworker);
        using var browser = new WorkspaceBrowser(workspace.Server);

        var wrong = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await browser.SignInAsync(email, "not the password " + i);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            wrong.Add(await response.Content.ReadAsStringAsync(Ct));
        }
        var right = await browser.SignInAsync(email, WorkspaceBrowser.Password);
        var afterLock = await right.Content.ReadAsStringAsync(Ct);

        Assert.All(wrong[..4], page => Assert.Contains("អាសយដ្ឋានអ៊ីមែល ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។", page, StringComparison.Ordinal));
        Assert.Contains("គណនីនេះត្រូវបានចាក់សោ", wrong[4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("គណនីនេះត្រូវបានចាក់សោ", afterLock, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == "central-workspace");
        var account = await workspace.Get<CaseworkerStore>().FindByEmailAsync(email, Ct);
        Assert.True(account!.LockedUntil > TimeProvider.System.GetUtcNow().AddMinutes(14));
        var audit = await workspace.Get<AuditLog>().RecentAsync(50, Ct);
        Assert.Contains(audit, a => a.Action == "sign_in_refused" && a.Subject == $"caseworker:{account.Id}");
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_as_a_wrong_password()
    {
        using var browser = new WorkspaceBrowser(workspace.Server);

        var unknown = await (await browser.SignInAsync("nobody@central.test", "whatever it is")).Content.ReadAsStringAsync(Ct);
        var wrong = await (await browser.SignInAsync(WorkspaceApp.AdminEmail, "whatever it is")).Content.ReadAsStringAsync(Ct);

        Assert.Contains("sign-in-error", unknown, StringComparison.Ordinal);
        Assert.Equal(Error(unknown), Error(wrong));

        static string Error(string html) => html[html.IndexOf("sign-in-error", StringComparison.Ordinal)..][..200];
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session_at_the_next_request()
    {
        const string email = "leaving@central.test";
        var id = await WorkspaceBrowser.AddAccountAsync(workspace.App, email, CaseworkerRole.Caseworker);
        using var browser = await workspace.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/workspace")).StatusCode);

        await workspace.Get<CaseworkerStore>().SetDisabledAsync(id, true, Ct);
        var after = await browser.GetAsync("/workspace");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/workspace/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_description_with_a_script_tag_is_shown_as_text_under_a_policy_that_forbids_inline_scripts()
    {
        var hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> \"quoted\" & ថៅកែ";
        var opened = await workspace.OpenCaseAsync(Some.WageComplaint() with { Description = hostile, Employer = "<b>Factory</b>" });
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        var response = await browser.GetAsync($"/workspace/cases/{opened.CaseNumber}");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Factory</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_scoped_to_the_workspace_and_not_persistent()
    {
        using var browser = await workspace.SignInAsync(WorkspaceApp.CaseworkerEmail);

        var cookie = browser.Cookies.GetAllCookies().Single(c => c.Name == "central-workspace");

        Assert.True(cookie.HttpOnly);
        Assert.Equal("/workspace", cookie.Path);
        Assert.Equal(DateTime.MinValue, cookie.Expires);
    }

    [Fact]
    public async Task Sign_in_only_returns_to_addresses_inside_the_workspace()
    {
        using var browser = new WorkspaceBrowser(workspace.Server);
        var page = "/workspace/sign-in?returnUrl=" + Uri.EscapeDataString("https://evil.example/phish");
        var form = await browser.GetPageAsync(page);

        var response = await browser.PostFormAsync(page, "/workspace/sign-in", new()
        {
            ["email"] = WorkspaceApp.CaseworkerEmail,
            ["password"] = WorkspaceBrowser.Password,
            ["returnUrl"] = "https://evil.example/phish",
        });

        Assert.DoesNotContain("value=\"https://evil.example", form, StringComparison.Ordinal);
        Assert.Equal("/workspace", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Viewing_a_case_is_recorded_in_the_audit_trail_without_personal_data()
    {
        var opened = await workspace.OpenCaseAsync();
        using var browser = await workspace.SignInAsync(WorkspaceApp.SupervisorEmail);

        await browser.GetPageAsync($"/workspace/cases/{opened.CaseNumber}");

        var entry = (await workspace.Get<AuditLog>().RecentAsync(100, Ct)).First(a => a.Action == "case_viewed" && a.Subject == opened.CaseNumber);
        Assert.Matches("^caseworker:[0-9]+$", entry.Actor);
        Assert.Null(entry.Detail);
    }
}
