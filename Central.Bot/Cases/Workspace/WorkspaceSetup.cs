using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Central.Bot.Cases.Workspace.Case;
using Central.Bot.Cases.Workspace.Queue;
using Central.Data.Caseworkers;
using Central.Data.Cases;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace Central.Bot.Cases.Workspace;

/// <summary>
/// The caseworker workspace under <c>/workspace</c>: Razor Pages (one folder per screen beside this file), cookie
/// sign-in with lockout and optional Microsoft Entra ID, a policy per role on every page and endpoint, antiforgery on
/// every form, Khmer/English screens, and security headers.
/// </summary>
public static partial class WorkspaceSetup
{
    public const string PathBase = "/workspace";
    public const string EntraScheme = "Entra";
    public const string LanguageCookie = "central-language";

    public static WebApplicationBuilder AddWorkspace(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WorkspaceOptions>().BindConfiguration("Workspace").ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection("Workspace").Get<WorkspaceOptions>() ?? new WorkspaceOptions();
        var secureCookies = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        services.AddSingleton<CaseQueries>();
        services.AddSingleton<IPasswordHasher<Caseworker>, PasswordHasher<Caseworker>>();
        services.AddSingleton<CaseworkerSignIn>();
        services.AddSingleton<WorkerDelivery>();
        services.AddSingleton<Display>();
        services.AddSingleton<Shared.WorkspaceTranslation>();

        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Cases/Workspace";
            options.Conventions.AuthorizeFolder("/", WorkspacePolicy.Caseworker);
            options.Conventions.AuthorizeFolder("/Admin", WorkspacePolicy.Admin);
            options.Conventions.AllowAnonymousToFolder("/SignIn");
        });
        // Khmer as Khmer in the HTML, not as &#x...; entities: every page is several times smaller, and still encoded
        // wherever HTML needs it (< > & ' ").
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "central-antiforgery";
            options.Cookie.Path = PathBase;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secureCookies;
            options.FormFieldName = "__RequestVerificationToken";
        });
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "central-notice";
            options.Cookie.Path = PathBase;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secureCookies;
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [CultureInfo.GetCultureInfo("km"), CultureInfo.GetCultureInfo("en")];
            options.DefaultRequestCulture = new RequestCulture("km");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = LanguageCookie }, new AcceptLanguageHeaderRequestCultureProvider()];
        });

        var authentication = services.AddAuthentication(CaseworkerSignIn.Scheme).AddCookie(CaseworkerSignIn.Scheme, options =>
        {
            options.Cookie.Name = "central-workspace";
            options.Cookie.Path = PathBase;
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: after Entra's sign-in (a cross-site form post) the first page must see the cookie.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secureCookies;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(settings.SessionMinutes);
            options.SlidingExpiration = true;
            options.LoginPath = PathBase + "/sign-in";
            options.LogoutPath = PathBase + "/sign-out";
            options.AccessDeniedPath = PathBase + "/denied";
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<CaseworkerSignIn>().ValidateAsync(context);
        });
        if (settings.Entra.Enabled)
        {
            authentication.AddOpenIdConnect(EntraScheme, options => ConfigureEntra(options, settings.Entra, secureCookies));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(WorkspacePolicy.Caseworker, policy => policy.AddAuthenticationSchemes(CaseworkerSignIn.Scheme).RequireRole(WorkspacePolicy.CaseworkerRoles))
            .AddPolicy(WorkspacePolicy.Supervisor, policy => policy.AddAuthenticationSchemes(CaseworkerSignIn.Scheme).RequireRole(WorkspacePolicy.SupervisorRoles))
            .AddPolicy(WorkspacePolicy.Admin, policy => policy.AddAuthenticationSchemes(CaseworkerSignIn.Scheme).RequireRole(WorkspacePolicy.AdminRoles));
        return builder;
    }

    public static WebApplication MapWorkspace(this WebApplication app)
    {
        // Headers and the screen language for the workspace's paths only: the webhook and the try-it page keep theirs.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathBase), branch =>
        {
            branch.UseMiddleware<SecurityHeaders>();
            branch.UseRequestLocalization();
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapRazorPages();
        var workspace = app.MapGroup(PathBase).RequireAuthorization(WorkspacePolicy.Caseworker);
        workspace.MapGet("/workspace.css", Stylesheet).AllowAnonymous();
        workspace.MapGet("/cases/{number}/evidence/{attachmentId:long}", Evidence.GetAsync);
        workspace.MapGet("/queue.csv", QueueCsv.GetAsync);
        if (app.Services.GetRequiredService<IOptions<WorkspaceOptions>>().Value.Entra.Enabled)
        {
            workspace.MapGet("/sign-in/entra", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [EntraScheme])).AllowAnonymous();
        }
        return app;
    }

    /// <summary>A return address from a query string, kept only when it stays inside the workspace (no open redirect).</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(PathBase, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : PathBase;

    private static IResult Stylesheet(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Stream(typeof(WorkspaceSetup).Assembly.GetManifestResourceStream("Central.Bot.Cases.Workspace.workspace.css")!, "text/css; charset=utf-8");
    }

    private static void ConfigureEntra(OpenIdConnectOptions options, EntraOptions entra, CookieSecurePolicy secureCookies)
    {
        options.Authority = entra.EffectiveAuthority;
        options.ClientId = entra.ClientId;
        options.ClientSecret = entra.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        // The code comes back in the query of a top-level navigation (PKCE protects it), so the correlation and nonce
        // cookies can be SameSite=Lax like the session's, instead of None (a cross-site form post needs None).
        options.ResponseMode = "query";
        options.CallbackPath = PathBase + "/signin-oidc";
        options.SignInScheme = CaseworkerSignIn.Scheme;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.Scope.Add("email");
        options.RequireHttpsMetadata = entra.EffectiveAuthority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        options.CorrelationCookie.Path = PathBase;
        options.CorrelationCookie.SecurePolicy = secureCookies;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.Path = PathBase;
        options.NonceCookie.SecurePolicy = secureCookies;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.Events.OnTokenValidated = async context =>
        {
            // Entra proves who the person is; the workspace account (and so the role) must already exist.
            var services = context.HttpContext.RequestServices;
            var email = EntraEmail(context.Principal);
            var caseworker = email is null ? null : await services.GetRequiredService<CaseworkerStore>().FindByEmailAsync(email, context.HttpContext.RequestAborted);
            if (caseworker is null || caseworker.Disabled)
            {
                Log.EntraRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkspaceSetup)), caseworker?.Id);
                await services.GetRequiredService<Data.Audit.AuditLog>().WriteAsync("anonymous", "sign_in_failed", null, "entra: no enabled workspace account", context.HttpContext.RequestAborted);
                context.Fail("No enabled workspace account has this Microsoft account's e-mail address.");
                return;
            }
            context.Principal = await services.GetRequiredService<CaseworkerSignIn>().SignedInAsync(caseworker, "entra", context.HttpContext.RequestAborted);
        };
        options.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(PathBase + "/sign-in?failed=entra");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    internal static string? EntraEmail(ClaimsPrincipal? principal) =>
        new[] { "email", "preferred_username", "upn", ClaimTypes.Email }
            .Select(type => principal?.FindFirstValue(type))
            .FirstOrDefault(value => value is { Length: > 3 } && value.Contains('@', StringComparison.Ordinal));

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Entra sign-in refused: no enabled workspace account for that address (caseworker {CaseworkerId})")]
        public static partial void EntraRefused(ILogger logger, int? caseworkerId);
    }
}
