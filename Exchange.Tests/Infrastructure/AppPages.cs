using System.Text.RegularExpressions;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

/// <summary>Who opens a page: anyone (signed out), a signed-in user, or an operator.</summary>
public enum Audience
{
    Anyone,
    User,
    Operator,
}

/// <summary>
/// A page a browser opens: the path to open, who it is for, and whether it is one of the app's
/// interactive pages (with the layout's dark mode) or an account page (Identity's Razor Pages).
/// </summary>
public sealed record AppPage(string Path, Audience Audience, bool Interactive);

/// <summary>
/// Every page the app routes, read from its own endpoints, so a page added later is found without
/// being listed anywhere: each Blazor <c>@page</c> route and each account page, with the audience
/// its authorization metadata names.
/// </summary>
public static partial class AppPages
{
    /// <summary>
    /// The pages, their route parameters filled from <paramref name="samples"/> (by name); a route
    /// with a parameter the samples lack is left out and named in <paramref name="unfilled"/>.
    /// </summary>
    public static IReadOnlyList<AppPage> Of(IServiceProvider services, IReadOnlyDictionary<string, string> samples, out IReadOnlyList<string> unfilled)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var blazor = endpoints.Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null).Select(e => (e, Interactive: true));
        // An account page can have two routes (Manage and Manage/Index): its shortest is the one links use.
        var accounts = endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .Select(g => (e: g.MinBy(e => e.RoutePattern.RawText!.Length)!, Interactive: false));

        var missing = new List<string>();
        var pages = new List<AppPage>();
        foreach (var (endpoint, interactive) in blazor.Concat(accounts))
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var lacking = endpoint.RoutePattern.Parameters.Where(p => !samples.ContainsKey(p.Name)).Select(p => p.Name).ToList();
            if (lacking.Count > 0)
                missing.Add($"{route} (no sample value for {string.Join(", ", lacking)})");
            else
                pages.Add(new AppPage(Parameter().Replace(route, m => Uri.EscapeDataString(samples[m.Groups[1].Value])), AudienceOf(endpoint.Metadata), interactive));
        }
        unfilled = missing;
        return pages.DistinctBy(p => p.Path).OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
    }

    private static Audience AudienceOf(EndpointMetadataCollection metadata)
    {
        if (metadata.GetMetadata<IAllowAnonymous>() is not null) return Audience.Anyone;
        var authorize = metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorize.Count == 0) return Audience.Anyone;
        return authorize.Any(a => a.Roles?.Split(',').Select(r => r.Trim()).Contains(Roles.Operator) == true) ? Audience.Operator : Audience.User;
    }

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
