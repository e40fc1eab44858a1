namespace Exchange.Web.Notices;

public static class NoticesWebServiceCollectionExtensions
{
    /// <summary>What the web app adds to Core's notices: the sign-ins from a new browser, and the options of the notice jobs.</summary>
    public static IServiceCollection AddNoticesWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NoticesOptions>().Bind(configuration.GetSection(NoticesOptions.Section))
            .Validate(o => o.DispatchInterval > TimeSpan.Zero, "Notices:DispatchInterval must be positive.")
            .Validate(o => o.AlertsInterval > TimeSpan.Zero, "Notices:AlertsInterval must be positive.")
            .Validate(o => o.EmailInterval > TimeSpan.Zero, "Notices:EmailInterval must be positive.")
            .Validate(o => o.AddressActivationsInterval > TimeSpan.Zero, "Notices:AddressActivationsInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<NewDeviceSignIns>();
        services.ConfigureApplicationCookie(o =>
        {
            var before = o.Events.OnSignedIn;
            o.Events.OnSignedIn = async context =>
            {
                await before(context);
                await context.HttpContext.RequestServices.GetRequiredService<NewDeviceSignIns>().OnSignedInAsync(context);
            };
        });
        return services;
    }
}
