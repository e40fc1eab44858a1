namespace Exchange.Web.Monitoring;

public static class ExchangeLogging
{
    /// <summary>
    /// Outside Development the console writes one JSON object per line, with its scopes (the job
    /// run, the withdrawal, the Hub command), for a log collector to index; Development keeps the
    /// readable console.
    /// </summary>
    public static ILoggingBuilder AddExchangeConsole(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
            return logging.AddConsole();
        return logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }
}
