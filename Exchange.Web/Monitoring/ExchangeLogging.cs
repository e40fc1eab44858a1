namespace Exchange.Web.Monitoring;

public static class ExchangeLogging
{
    /// <summary>
    /// Outside Development the console writes one JSON object per line, with its scopes (the job
    /// run, the withdrawal, the Hub command), for a log collector to index; Development writes one
    /// readable line per message, with the time (what it leaves out is in appsettings.Development.json).
    /// </summary>
    public static ILoggingBuilder AddExchangeConsole(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
            return logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        return logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }
}
