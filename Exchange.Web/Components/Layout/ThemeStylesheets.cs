using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Exchange.Web.Components.Layout;

/// <summary>
/// <see cref="ExchangeTheme"/>'s CSS, light and dark, as MudThemeProvider writes it, rendered once
/// and served as two stylesheets. MudThemeProvider puts all of it into every prerendered page and
/// keeps it in every circuit's render tree (docs/benchmarks.md, section 5); the layout links these
/// instead and switches between them with the link's media attribute, so the toggle needs no new
/// download.
/// </summary>
public sealed partial class ThemeStylesheets(IServiceProvider services)
{
    private const string PathPrefix = "/theme/";

    private readonly Lazy<(Sheet Light, Sheet Dark)> sheets = new(() => Task.Run(() => RenderBothAsync(services)).GetAwaiter().GetResult());

    public string LightHref => sheets.Value.Light.Href;

    public string DarkHref => sheets.Value.Dark.Href;

    private sealed record Sheet(string Href, byte[] Css);

    public static IEndpointRouteBuilder MapThemeStylesheets(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathPrefix + "{mode}.css", (string mode, ThemeStylesheets themes, HttpContext context) =>
        {
            var sheet = mode switch { "light" => themes.sheets.Value.Light, "dark" => themes.sheets.Value.Dark, _ => null };
            if (sheet is null) return Results.NotFound();
            // The href carries the content's hash, so a browser may keep a sheet for as long as it likes.
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(sheet.Css, "text/css; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }

    private static async Task<(Sheet, Sheet)> RenderBothAsync(IServiceProvider services) =>
        (await RenderAsync(services, "light", dark: false), await RenderAsync(services, "dark", dark: true));

    private static async Task<Sheet> RenderAsync(IServiceProvider services, string mode, bool dark)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = ExchangeTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
        var css = Encoding.UTF8.GetBytes(string.Join('\n', StyleElement().Matches(html).Select(m => m.Groups[1].Value)));
        var version = Convert.ToHexStringLower(SHA256.HashData(css))[..12];
        return new Sheet($"{PathPrefix.TrimStart('/')}{mode}.css?v={version}", css);
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
