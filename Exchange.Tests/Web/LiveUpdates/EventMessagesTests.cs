using Exchange.Core.Events;
using Exchange.Tests.Infrastructure;
using Exchange.Web.LiveUpdates;

namespace Exchange.Tests.Web.LiveUpdates;

/// <summary>What travels between nodes: every event of Core, by type name, and nothing else.</summary>
[Fast]
public class EventMessagesTests
{
    public static TheoryData<string> EventTypes => [.. EventMessages.KnownTypes.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_event_of_core_reaches_another_node_with_the_same_values(string typeName)
    {
        var sent = Sample(EventMessages.KnownTypes.Single(t => t.Name == typeName));

        var message = EventMessages.Read(EventMessages.Write("node-a", sent));
        var received = EventMessages.EventOf(message!);

        Assert.Equal(("node-a", typeName), (message!.Node, message.Type));
        Assert.IsType(sent.GetType(), received);
        Assert.Equal(EventMessages.Write("node-a", sent), EventMessages.Write("node-a", received!));
        Assert.Equal(sent.UserId, received!.UserId);
    }

    [Fact]
    public void Every_event_record_of_core_is_known()
    {
        Assert.Contains(typeof(DepositsChanged), EventMessages.KnownTypes);
        Assert.Contains(typeof(HotWalletChanged), EventMessages.KnownTypes);
        Assert.DoesNotContain(typeof(ExchangeEvent), EventMessages.KnownTypes);
    }

    [Theory]
    [InlineData("System.IO.FileInfo")]
    [InlineData("FundsTeleported")]
    [InlineData("ExchangeEvent")]
    public void A_type_that_is_not_an_event_record_of_core_is_not_read(string type)
    {
        var message = EventMessages.Read($$$"""{"Node":"node-a","Type":"{{{type}}}","Event":{"FileName":"/etc/passwd"}}""");

        Assert.NotNull(message);
        Assert.Null(EventMessages.EventOf(message));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"Node":"node-a"}""")]
    public void A_message_that_is_not_one_is_not_read(string json) => Assert.Null(EventMessages.Read(json));

    // Each constructor argument a value of its type that is not the default, so a value lost on the way shows.
    private static ExchangeEvent Sample(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => SampleOf(p.ParameterType, p.Name!)).ToArray();
        return (ExchangeEvent)constructor.Invoke(arguments);
    }

    private static object SampleOf(Type type, string name) => type switch
    {
        _ when type == typeof(string) => $"{name}-value",
        _ when type == typeof(long) => 42L,
        _ when type == typeof(int) => 42,
        _ when type == typeof(bool) => true,
        _ when type == typeof(IReadOnlyList<long>) => new List<long> { 7, 8 },
        _ => throw new InvalidOperationException($"Add a sample value of {type} for {name}."),
    };
}
