using System.Net;
using System.Text;
using Central.Data.Storage;
using Central.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Central.Tests.Channels;

/// <summary>
/// /api/messages with authentication on, against a loopback stand-in for Azure Bot Service's OpenID metadata and
/// keys: the token Azure sends is accepted, and every forged variant is refused with 401 and nothing stored or sent.
/// </summary>
public sealed class BotFrameworkAuthTests : IAsyncLifetime
{
    private BotFrameworkStandIn _azure = null!;
    private CentralApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _azure = await BotFrameworkStandIn.StartAsync();
        _app = new CentralApp(settings: _azure.Settings());
        _http = _app.Start();
    }

    public enum Forgery
    {
        NoToken,
        NotBearer,
        Garbage,
        Expired,
        NotYetValid,
        WrongIssuer,
        WrongAudience,
        Unsigned,
        Hs256WithThePublicKey,
        UnknownKey,
        KeyEndorsedForAnotherChannel,
        KeyWithoutEndorsements,
        ServiceUrlClaimForAnotherHost,
        NoServiceUrlClaim,
    }

    [Fact]
    public async Task The_token_Azure_sends_is_accepted_and_the_message_answered()
    {
        var psid = Some.Psid();

        var response = await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, psid, "សួស្តី"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn($"{psid}-page-1").Count >= 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM inbox"));
    }

    [Theory]
    [InlineData(Forgery.NoToken)]
    [InlineData(Forgery.NotBearer)]
    [InlineData(Forgery.Garbage)]
    [InlineData(Forgery.Expired)]
    [InlineData(Forgery.NotYetValid)]
    [InlineData(Forgery.WrongIssuer)]
    [InlineData(Forgery.WrongAudience)]
    [InlineData(Forgery.Unsigned)]
    [InlineData(Forgery.Hs256WithThePublicKey)]
    [InlineData(Forgery.UnknownKey)]
    [InlineData(Forgery.KeyEndorsedForAnotherChannel)]
    [InlineData(Forgery.KeyWithoutEndorsements)]
    [InlineData(Forgery.ServiceUrlClaimForAnotherHost)]
    [InlineData(Forgery.NoServiceUrlClaim)]
    public async Task A_forged_token_is_refused_and_nothing_is_stored_or_sent(Forgery forgery)
    {
        var psid = Some.Psid();
        var activity = Activities.FacebookText(_azure.ServiceUrl, psid, "hello");

        var response = await Activities.PostAsync(_http, activity, Forge(forgery));
        await Task.Delay(200, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM contacts"));
        Assert.Empty(_azure.Calls);
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_when_a_token_names_it_without_a_restart()
    {
        var first = Some.Psid();
        await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, first, "hello"), _azure.Token());
        var fetchesBefore = _azure.KeyFetches;

        _azure.Publish(new SigningKeyPair("facebook"));
        var second = Some.Psid();
        var response = await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, second, "hello"), _azure.Token());
        await _azure.WaitUntilAsync(a => a.MessagesIn($"{second}-page-1").Count >= 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fetchesBefore + 1, _azure.KeyFetches);
    }

    [Fact]
    public async Task Keys_are_fetched_once_and_reused()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Activities.PostAsync(_http, Activities.FacebookText(_azure.ServiceUrl, Some.Psid(), "hello"), _azure.Token())).StatusCode);
        }

        Assert.Equal(1, _azure.KeyFetches);
    }

    private string? Forge(Forgery forgery)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return forgery switch
        {
            Forgery.NoToken => null,
            Forgery.NotBearer => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BotFrameworkStandIn.AppId}:{BotFrameworkStandIn.AppPassword}")),
            Forgery.Garbage => "Bearer not.a.jwt",
            // Six minutes: past the five minutes of clock skew allowed.
            Forgery.Expired => _azure.Token(change: d => (d.IssuedAt, d.NotBefore, d.Expires) = (now.AddHours(-2), now.AddHours(-2), now.AddMinutes(-6))),
            Forgery.NotYetValid => _azure.Token(change: d => (d.IssuedAt, d.NotBefore, d.Expires) = (now.AddMinutes(6), now.AddMinutes(6), now.AddHours(1))),
            Forgery.WrongIssuer => _azure.Token(change: d => d.Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"),
            Forgery.WrongAudience => _azure.Token(change: d => d.Audience = "another-bot-app-id"),
            Forgery.Unsigned => Unsigned(_azure.Token()),
            Forgery.Hs256WithThePublicKey => _azure.Token(change: d => d.SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(_azure.CurrentKey.PublicKeyPem) { KeyId = _azure.CurrentKey.Kid }, SecurityAlgorithms.HmacSha256)),
            Forgery.UnknownKey => _azure.Token(key: new SigningKeyPair("facebook")),
            Forgery.KeyEndorsedForAnotherChannel => Published(new SigningKeyPair("msteams")),
            Forgery.KeyWithoutEndorsements => Published(new SigningKeyPair { Endorsements = null }),
            Forgery.ServiceUrlClaimForAnotherHost => _azure.Token(serviceUrl: "https://evil.example/"),
            Forgery.NoServiceUrlClaim => _azure.Token(change: d => d.Claims.Clear()),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
    }

    private string Published(SigningKeyPair key)
    {
        var previous = _azure.CurrentKey;
        _azure.Publish(key);
        var token = _azure.Token(key: key);
        _azure.Publish(previous);
        return token;
    }

    /// <summary>The same header and claims with <c>alg: none</c> and no signature.</summary>
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{parts[1]}.";
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var db = await _app.Services.GetRequiredService<Database>().OpenAsync(Ct);
        return await db.ExecuteScalarAsync<long>(sql);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _azure.DisposeAsync();
    }
}
