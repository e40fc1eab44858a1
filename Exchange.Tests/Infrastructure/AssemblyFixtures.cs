using Exchange.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(Browser))]
