using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Central.BrowserTests.Chromium))]

namespace Central.BrowserTests;

/// <summary>
/// One headless Debian Chromium for the whole run (each person in a test gets their own context: cookies, storage).
/// Playwright's own browser download does not work here, so it drives /usr/bin/chromium; the flags keep Chromium
/// from reaching for the network, which this machine does not have.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run `apt-get install -y chromium fonts-khmeros` (.ci/run does).");
        }
        // Assertions (an address after a sign-in, a bot's reply) wait as long as actions do, not Playwright's 5 s: a
        // sign-in hashes a password while the other test assembly's multi-process bursts have both cores.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A fresh person: their own cookies, a Khmer-first browser, a laptop or a cheap phone's 360-pixel screen.</summary>
    public async Task<IPage> NewPersonAsync(Uri server, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            Locale = "km-KH",
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The elements that reach past the right edge of the screen, or "" when the page fits. A mobile browser widens
    /// its layout to fit an overflowing page, so the page is measured against the document's client width, not
    /// window.innerWidth.
    /// </summary>
    public static Task<string> WiderThanTheScreenAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
            const screen = document.documentElement.clientWidth;
            return [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > screen + 0.5)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className ? "." + e.className : ""} ends at ${Math.round(e.getBoundingClientRect().right)} px of ${screen}`)
                .slice(0, 8).join("; ");
        }
        """);

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
