namespace Exchange.Core.Email;

/// <summary>Configuration section <c>Email</c> (and the root <c>PublicUrl</c>): how mail leaves the exchange.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>On purpose no mail is sent: mails stay in the outbox, where operators see them.</summary>
    public bool Disabled { get; set; }

    /// <summary>The sender every mail names.</summary>
    public string From { get; set; } = "Exchange <no-reply@exchange.local>";

    /// <summary>The exchange's name in subjects and greetings.</summary>
    public string ExchangeName { get; set; } = "Exchange";

    /// <summary>Where users reach the exchange (e.g. https://exchange.example.com): every link in a mail starts with it.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Attempts before a mail is given up as Failed (an operator may send it again).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further one (at most an hour), with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a node's claim on a mail lasts; a mail claimed by a node that died is sent again after it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public string PublicLink(string pathAndQuery) => (PublicUrl ?? "").TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>MailKit's SecureSocketOptions: None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "StartTls";
}
