using System.Net;
using System.Text.RegularExpressions;
using Central.Data.Caseworkers;
using Central.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Workspace;

/// <summary>
/// One person's HTTP view of the workspace on the real host: a cookie jar, no automatic redirects (so tests see
/// where the workspace sends them), and forms posted with the antiforgery token of the page they came from.
/// </summary>
public sealed partial class WorkspaceBrowser : IDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly HttpClient _http;

    /// <param name="server">The running host's address (the BaseAddress of <see cref="CentralApp.Start"/>'s client).</param>
    public WorkspaceBrowser(Uri server)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server };
    }

    public CookieContainer Cookies { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates an account directly in the app's store (as the command line would).</summary>
    public static async Task<int> AddAccountAsync(CentralApp app, string email, string role, string? name = null)
    {
        var hasher = app.Services.GetRequiredService<IPasswordHasher<Caseworker>>();
        return (await app.Services.GetRequiredService<CaseworkerStore>().AddAsync(email, name ?? email.Split('@')[0], role, hasher.HashPassword(new Caseworker(), Password), Ct))!.Value;
    }

    public static async Task<WorkspaceBrowser> SignedInAsync(Uri server, string email)
    {
        var browser = new WorkspaceBrowser(server);
        var response = await browser.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await PostFormAsync("/workspace/sign-in", "/workspace/sign-in", new() { ["email"] = email, ["password"] = password });

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path, Ct);

    public async Task<string> GetPageAsync(string path)
    {
        var response = await _http.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>Posts a form the way a browser does: the token comes from <paramref name="formPage"/>, rendered for this person.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken)
        {
            fields["__RequestVerificationToken"] = Token(await GetPageAsync(formPage));
        }
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(action, content, Ct);
    }

    public static string Token(string html) => TokenPattern().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
