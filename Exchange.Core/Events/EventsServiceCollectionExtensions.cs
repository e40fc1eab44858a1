using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Events;

internal static class EventsServiceCollectionExtensions
{
    /// <summary>Events to the pages, within this process; a host may replace them with its own (the web app's Redis backplane).</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<IExchangeEvents, InProcessExchangeEvents>();
        return services;
    }
}
