using Central.Bot.Translation;
using Central.Data.Storage;
using Central.Data.Translation;
using Central.Tests.Hosting;
using Central.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Central.Tests.Translation;

public sealed class TranslatorClientTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private TranslatorStandIn _translator = null!;
    private ServiceProvider _services = null!;

    // A call that takes longer than the timeout is retried and counted twice by the stand-in; a loaded machine took
    // up to 0.9 s for a first call. Only the stall test wants a short timeout.
    private int _timeoutSeconds = 30;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TranslatorClient Client => _services.GetRequiredService<TranslatorClient>();

    public async ValueTask InitializeAsync()
    {
        _translator = await TranslatorStandIn.StartAsync();
        await new Migrations(_database.Database).ApplyAsync(Ct);
        _services = new ServiceCollection()
            .AddSingleton(_database.Database)
            .AddSingleton(_database.Cipher)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TranslationStore>()
            .AddSingleton<TranslatorClient>()
            .Configure<TranslatorOptions>(o =>
            {
                o.Endpoint = _translator.Url;
                o.Key = "test-translator-key";
                o.Region = "southeastasia";
                o.TimeoutSeconds = _timeoutSeconds;
            })
            .AddHttpClient()
            .BuildServiceProvider();
    }

    [Fact]
    public async Task A_Khmer_text_is_translated_with_the_headers_query_and_body_the_API_expects()
    {
        var result = await Client.TranslateAsync("ថៅកែមិនបើកប្រាក់ខែ", "km", "en", Ct);

        Assert.Equal(new Translated.Text("[en] ថៅកែមិនបើកប្រាក់ខែ", FromCache: false), result);
        var call = Assert.Single(_translator.Calls);
        Assert.Equal("translate", call.Operation);
        Assert.Equal("?api-version=3.0&from=km&to=en", call.Query);
        Assert.Equal("test-translator-key", call.Key);
        Assert.Equal("southeastasia", call.Region);
        Assert.StartsWith("application/json", call.ContentType, StringComparison.Ordinal);
        Assert.Equal("""[{"Text":"\u1790\u17C5\u1780\u17C2\u1798\u17B7\u1793\u1794\u17BE\u1780\u1794\u17D2\u179A\u17B6\u1780\u17CB\u1781\u17C2"}]""", call.Body);
    }

    [Fact]
    public async Task The_same_text_is_paid_for_once_and_its_characters_counted()
    {
        await Client.TranslateAsync("ថៅកែមិនបើកប្រាក់ខែ", "km", "en", Ct);

        var again = await Client.TranslateAsync("ថៅកែមិនបើកប្រាក់ខែ", "km", "en", Ct);

        Assert.True(((Translated.Text)again).FromCache);
        Assert.Single(_translator.Calls);
        Assert.Equal("ថៅកែមិនបើកប្រាក់ខែ".Length, await _services.GetRequiredService<TranslationStore>().CharactersThisMonthAsync(Ct));
    }

    [Fact]
    public async Task A_429_is_retried_and_then_succeeds()
    {
        _translator.Misbehave.Enqueue(429);

        var result = await Client.TranslateAsync("hello", "en", "km", Ct);

        Assert.Equal("[km] hello", ((Translated.Text)result).Value);
        Assert.Equal(2, _translator.Calls.Count);
    }

    [Fact]
    public async Task A_service_that_stalls_is_unavailable_not_an_error()
    {
        _timeoutSeconds = 1;
        for (var i = 0; i < 3; i++)
        {
            _translator.Misbehave.Enqueue(0);
        }

        var result = await Client.TranslateAsync("hello", "en", "km", Ct);

        Assert.IsType<Translated.Unavailable>(result);
        Assert.Equal(0, await _services.GetRequiredService<TranslationStore>().CharactersThisMonthAsync(Ct));
    }

    [Fact]
    public async Task Translations_are_not_kept_in_clear()
    {
        await Client.TranslateAsync("ថៅកែមិនបើកប្រាក់ខែ", "km", "en", Ct);

        await using var db = await _database.Database.OpenAsync(Ct);
        var row = await Dapper.SqlMapper.QuerySingleAsync<(string Hash, string Result)>(db, "SELECT text_hash, result_enc FROM translations");
        Assert.DoesNotContain("ថៅកែ", row.Hash + row.Result, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _translator.DisposeAsync();
        await _database.DisposeAsync();
    }
}
