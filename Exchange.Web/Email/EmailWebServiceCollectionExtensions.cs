using Exchange.Core.Accounts;
using Exchange.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Email;

public static class EmailWebServiceCollectionExtensions
{
    public const string RequireConfirmedAccountSetting = "Identity:RequireConfirmedAccount";

    /// <summary>
    /// Identity's senders through the outbox; confirmed accounts required outside Development; SMTP and
    /// <c>PublicUrl</c> required outside Development; and in Development without an SMTP host, the embedded
    /// SMTP server and its mailbox page. Call after Identity is added.
    /// </summary>
    public static WebApplicationBuilder AddExchangeEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<OutboxEmailSender>());
        services.AddSingleton<IEmailSender<ExchangeUser>>(sp => sp.GetRequiredService<OutboxEmailSender>());
        var requireConfirmed = configuration.GetValue(RequireConfirmedAccountSetting, !development);
        services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedAccount = requireConfirmed);

        var embedded = development && string.IsNullOrEmpty(configuration["Email:Smtp:Host"]) && !configuration.GetValue<bool>("Email:Disabled");
        if (embedded)
        {
            services.AddSingleton<DevelopmentMailbox>();
            services.AddSingleton<EmbeddedSmtpServer>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedSmtpServer>());
            services.AddOptions<EmailOptions>().Configure<EmbeddedSmtpServer>((o, server) => o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = "None" });
        }
        if (development)
            services.PostConfigure<EmailOptions>(o => o.PublicUrl ??= (configuration["Urls"] ?? "http://127.0.0.1:5000").Split(';')[0]);
        services.AddSingleton<IValidateOptions<EmailOptions>>(new DeploymentEmailSettings(development));
        return builder;
    }

    private sealed class DeploymentEmailSettings(bool development) : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options)
        {
            if (development) return ValidateOptionsResult.Success;
            if (!options.Disabled && string.IsNullOrWhiteSpace(options.Smtp.Host))
                return ValidateOptionsResult.Fail("Email:Smtp:Host is not set: set it to the SMTP server mail leaves through, or set Email:Disabled=true to keep every mail in the outbox on purpose.");
            if (string.IsNullOrWhiteSpace(options.PublicUrl))
                return ValidateOptionsResult.Fail("PublicUrl is not set: set it to the address users reach the exchange at (e.g. https://exchange.example.com); every link in a mail starts with it.");
            return ValidateOptionsResult.Success;
        }
    }
}
