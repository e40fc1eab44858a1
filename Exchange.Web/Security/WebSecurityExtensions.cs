using System.Security.Cryptography.X509Certificates;
using Exchange.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Security;

public static class WebSecurityExtensions
{
    public const string ApplicationName = "Exchange";

    /// <summary>Cookies, antiforgery, key scopes, request limits and the Data Protection key ring.</summary>
    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebSecurityOptions>().Bind(builder.Configuration.GetSection(WebSecurityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.HardenIdentityCookies(builder.Environment);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = ApiAntiforgery.HeaderName;
            Cookies.Harden(o.Cookie, builder.Environment);
            // The security headers send X-Frame-Options: DENY on every response already.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiProblemAuthorizationResultHandler>();
        AddKeyRing(builder);
        return builder;
    }

    // Keys in the database: a restart, or a second instance, reads the cookies the first one wrote.
    private static void AddKeyRing(WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<ExchangeDbContext>();
        var section = builder.Configuration.GetSection(DataProtectionOptions.Section);
        builder.Services.AddOptions<DataProtectionOptions>().Bind(section)
            .Validate<IHostEnvironment>((o, environment) => o.IsAcceptableIn(environment), DataProtectionOptions.Required).ValidateOnStart();
        var options = section.Get<DataProtectionOptions>() ?? new();
        if (!options.HasCertificate)
            return;
        var path = Path.IsPathRooted(options.CertificatePath) ? options.CertificatePath : Path.Combine(builder.Environment.ContentRootPath, options.CertificatePath);
        dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword));
    }

    /// <summary>API bodies are capped: a body announced larger gets 413 with a sentence, one that grows past it is cut off by the server.</summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<WebSecurityOptions>>().Value.MaxApiBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 413, Title = "Request body too large",
                        Detail = $"The API reads request bodies of at most {limit:N0} bytes; this one has {context.Request.ContentLength:N0}.",
                    },
                });
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit;
            await next(context);
        }));
}
