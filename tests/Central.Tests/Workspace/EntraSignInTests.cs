using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Central.Data.Caseworkers;
using Central.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Central.Tests.Workspace;

/// <summary>
/// Optional sign-in with Microsoft Entra ID, against a loopback OpenID Connect provider: discovery, keys and a token
/// endpoint that issues a signed id_token. Entra proves the address; the workspace account must already exist.
/// </summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private const string ClientId = "central-workspace-test";

    private IdentityProviderStandIn _provider = null!;
    private CentralApp _app = null!;
    private Uri _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _provider = await IdentityProviderStandIn.StartAsync(ClientId);
        _app = new CentralApp(settings: new Dictionary<string, string?>
        {
            ["Workspace:Entra:ClientId"] = ClientId,
            ["Workspace:Entra:ClientSecret"] = "test-client-secret",
            ["Workspace:Entra:Authority"] = _provider.Authority,
        });
        using var http = _app.Start();
        _server = http.BaseAddress!;
        await WorkspaceBrowser.AddAccountAsync(_app, "bopha@central.test", CaseworkerRole.Supervisor, "Bopha");
    }

    [Fact]
    public async Task A_Microsoft_account_with_a_workspace_account_signs_in_with_its_role()
    {
        using var browser = new WorkspaceBrowser(_server);

        var signInPage = await browser.GetPageAsync("/workspace/sign-in");
        var signedIn = await SignInThroughProviderAsync(browser, "Bopha@Central.test");
        var queue = await browser.GetAsync("/workspace");
        var personal = await browser.GetAsync("/workspace/queue.csv?personal=true");

        Assert.Contains("/workspace/sign-in/entra", signInPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/workspace", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Equal(HttpStatusCode.OK, personal.StatusCode);
    }

    [Fact]
    public async Task A_Microsoft_account_without_a_workspace_account_is_turned_away()
    {
        using var browser = new WorkspaceBrowser(_server);

        var refused = await SignInThroughProviderAsync(browser, "stranger@central.test");
        var page = await browser.GetPageAsync(refused.Headers.Location!.OriginalString);
        var queue = await browser.GetAsync("/workspace");

        Assert.Equal("/workspace/sign-in?failed=entra", refused.Headers.Location.OriginalString);
        Assert.Contains("គណនី Microsoft នោះមិនទាន់មានគណនីក្នុងកន្លែងការងារនេះទេ", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
    }

    [Fact]
    public async Task Without_Entra_settings_there_is_no_Microsoft_button_and_no_route()
    {
        await using var plain = new CentralApp();
        using var http = plain.Start();
        using var browser = new WorkspaceBrowser(http.BaseAddress!);

        var page = await browser.GetPageAsync("/workspace/sign-in");
        var route = await browser.GetAsync("/workspace/sign-in/entra");

        Assert.DoesNotContain("/workspace/sign-in/entra", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, route.StatusCode);
    }

    /// <summary>The browser's round trip: the workspace sends it to the provider, which sends it back with a code.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(WorkspaceBrowser browser, string email)
    {
        var challenge = await browser.GetAsync("/workspace/sign-in/entra?returnUrl=/workspace");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_provider.Authority, authorize.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(ClientId, query["client_id"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());

        Assert.False(query.TryGetValue("response_mode", out var mode) && mode == "form_post", "the code should come back in the query");

        var code = _provider.IssueCode(email, query["nonce"].ToString());
        return await browser.GetAsync(QueryHelpers.AddQueryString("/workspace/signin-oidc", new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    /// <summary>A loopback OpenID Connect provider: discovery document, signing keys, and codes redeemed for id_tokens.</summary>
    private sealed class IdentityProviderStandIn : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
        private readonly ConcurrentDictionary<string, (string Email, string Nonce)> _codes = new();
        private readonly string _clientId;

        private IdentityProviderStandIn(WebApplication app, string clientId)
        {
            _app = app;
            _clientId = clientId;
        }

        public string Authority => _app.Urls.First() + "/tenant/v2.0";

        public static async Task<IdentityProviderStandIn> StartAsync(string clientId)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var provider = new IdentityProviderStandIn(app, clientId);
            app.MapGet("/tenant/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = provider.Authority,
                ["authorization_endpoint"] = provider.Authority + "/authorize",
                ["token_endpoint"] = provider.Authority + "/token",
                ["jwks_uri"] = provider.Authority + "/keys",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "pairwise" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            app.MapGet("/tenant/v2.0/keys", () =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(provider._key);
                return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256" } } });
            });
            app.MapPost("/tenant/v2.0/token", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                if (!provider._codes.TryRemove(form["code"].ToString(), out var grant) || string.IsNullOrEmpty(form["code_verifier"]))
                {
                    return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
                }
                return Results.Json(new { id_token = provider.IdToken(grant.Email, grant.Nonce), access_token = "not-used", token_type = "Bearer", expires_in = 3600 });
            });
            await app.StartAsync();
            return provider;
        }

        public string IssueCode(string email, string nonce)
        {
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (email, nonce);
            return code;
        }

        private string IdToken(string email, string nonce) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = _clientId,
            Subject = new ClaimsIdentity([new Claim("sub", "entra-" + email), new Claim("preferred_username", email), new Claim("nonce", nonce), new Claim("name", "Someone")]),
            IssuedAt = TimeProvider.System.GetUtcNow().UtcDateTime,
            NotBefore = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1),
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
