using Exchange.Core.Notices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Exchange.Core.AddressBook;

public static class AddressBookServiceCollectionExtensions
{
    /// <summary>The withdrawal address book: its entries, their confirmation links (in the mails of their notices), the notice when one becomes usable, the "only to saved addresses" mode and the rule withdrawals pass.</summary>
    public static IHostApplicationBuilder AddAddressBook(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AddressBookOptions>().Bind(builder.Configuration.GetSection(AddressBookOptions.Section))
            .Validate(o => o.ConfirmationLifetime >= TimeSpan.FromMinutes(1), "AddressBook:ConfirmationLifetime must be at least a minute.")
            .Validate(o => o.ActivationDelay >= TimeSpan.Zero, "AddressBook:ActivationDelay must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<NewEntryRules>();
        services.AddSingleton<WithdrawalAddressBook>();
        services.AddSingleton<AddressConfirmations>();
        services.AddSingleton<AddressActivations>();
        services.AddSingleton<SavedAddressesMode>();
        services.AddSingleton<SavedAddressRule>();
        services.AddSingleton<INoticeMailLinks, AddressConfirmationLinks>();
        return builder;
    }
}
