using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.SignIn;

/// <summary>The language switch: remembers Khmer or English for a year in a cookie, then goes back where it was.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => Redirect(WorkspaceSetup.PathBase);

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        var code = language == "en" ? "en" : "km";
        Response.Cookies.Append(WorkspaceSetup.LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code)), new CookieOptions
        {
            Path = WorkspaceSetup.PathBase,
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            IsEssential = true,
        });
        return LocalRedirect(WorkspaceSetup.LocalOrHome(returnUrl));
    }
}
