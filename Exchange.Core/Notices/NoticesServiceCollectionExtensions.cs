using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Exchange.Core.Notices;

public static class NoticesServiceCollectionExtensions
{
    /// <summary>The notice log's dispatcher and its channels (in-app and email), the inbox, the preferences and the alerts' monitor.</summary>
    public static IHostApplicationBuilder AddNotices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<INoticeChannel, InAppChannel>();
        services.AddSingleton<INoticeChannel, EmailChannel>();
        services.AddSingleton<NoticeDispatcher>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<NoticePreferences>();
        services.AddSingleton<AlertMonitor>();
        return builder;
    }
}
