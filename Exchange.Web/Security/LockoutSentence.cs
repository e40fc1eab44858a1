namespace Exchange.Web.Security;

public static class LockoutSentence
{
    public static string Until(DateTimeOffset until) =>
        $"Too many wrong passwords or codes: this account is locked until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
}
