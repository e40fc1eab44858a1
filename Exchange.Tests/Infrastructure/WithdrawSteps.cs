using Microsoft.Playwright;

namespace Exchange.Tests.Infrastructure;

/// <summary>The withdraw form as a user fills it, on a page already at /withdraw.</summary>
public static class WithdrawSteps
{
    /// <summary>Types the amount and the address and presses Withdraw, leaving the confirmation open.</summary>
    public static async Task FillWithdrawFormAsync(this IPage page, string amount, string address = TestAddresses.Payout)
    {
        await page.GetByLabel("Amount (MIOTA)").FillAsync(amount);
        await page.GetByLabel("Destination address").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
    }

    /// <summary>Fills the form and confirms the withdrawal in its dialog.</summary>
    public static async Task RequestWithdrawalAsync(this IPage page, string amount, string address = TestAddresses.Payout)
    {
        await page.FillWithdrawFormAsync(amount, address);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
    }
}
