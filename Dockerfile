# The exchange web app (and its verbs: migrate, hub-emulator, create-operator, probe).
# Build context: the repository root.

# Restore first, from the project files alone, so the package layer is reused until they change.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS restore
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Exchange.Hub/Exchange.Hub.csproj Exchange.Hub/
COPY Exchange.Core/Exchange.Core.csproj Exchange.Core/
COPY Exchange.Web/Exchange.Web.csproj Exchange.Web/
RUN dotnet restore Exchange.Web/Exchange.Web.csproj

FROM restore AS publish
COPY . .
RUN dotnet publish Exchange.Web/Exchange.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=publish /app .
# The only folder the app writes (SQLite or the Hub emulator's state, when used); the rest stays root's.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
# The non-root user the .NET images ship.
USER $APP_UID
# Unprefixed, so it wins over the loopback address in appsettings.json.
ENV Urls=http://0.0.0.0:8080
EXPOSE 8080
# The image has no curl: the app's own probe verb asks the readiness endpoint.
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "Exchange.Web.dll", "probe", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "Exchange.Web.dll"]
