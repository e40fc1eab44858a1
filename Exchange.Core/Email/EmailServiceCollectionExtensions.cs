using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Exchange.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>The outbox, the mails' templates and the sender the email job runs; the web app adds SMTP's start-up checks.</summary>
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .PostConfigure(o => o.PublicUrl = configuration["PublicUrl"] is { Length: > 0 } url ? url : o.PublicUrl)
            .Validate(o => o.PublicUrl is null || Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "PublicUrl must be an absolute http or https URL, e.g. https://exchange.example.com.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "Email:MaxAttempts must be from 1 to 100.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero, "Email:RetryDelay must be positive.")
            .Validate(o => o.ClaimLease >= TimeSpan.FromSeconds(5), "Email:ClaimLease must be at least 5 seconds.")
            .Validate(o => SmtpMailer.IsSecurity(o.Smtp.Security), "Email:Smtp:Security must be None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable.")
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Email:Smtp:Port must be from 1 to 65535.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From must be a mail address, e.g. Exchange <no-reply@example.com>.")
            .ValidateOnStart();
        builder.Services.AddSingleton<EmailTemplates>();
        builder.Services.AddSingleton<EmailOutbox>();
        builder.Services.AddSingleton<OutboxSender>();
        return builder;
    }
}
