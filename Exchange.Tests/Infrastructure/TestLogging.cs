using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Exchange.Tests.Infrastructure;

public static class TestLogging
{
    /// <summary>
    /// A test host's console gets warnings and errors only: at Information every SQL command and
    /// request of every test filled the run's output. A test that reads logs adds a provider of its own.
    /// </summary>
    public static ILoggingBuilder WarningsOnConsole(this ILoggingBuilder logging) =>
        logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
}
