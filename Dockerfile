# Blux in one container: the SDK image builds and publishes, the ASP.NET runtime image runs.
#   docker build -t blux .
#   docker run -d --name blux -p 8080:8080 -v blux-data:/var/lib/blux blux
# See docs/deployment.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The project files first, so a change of source does not repeat the package restore.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY Blux.SharedKernel/Blux.SharedKernel.csproj Blux.SharedKernel/
COPY Modules/Ca/Blux.Modules.Ca.Contracts/Blux.Modules.Ca.Contracts.csproj Modules/Ca/Blux.Modules.Ca.Contracts/
COPY Modules/Ca/Blux.Modules.Ca/Blux.Modules.Ca.csproj Modules/Ca/Blux.Modules.Ca/
COPY Modules/Guard/Blux.Modules.Guard.Contracts/Blux.Modules.Guard.Contracts.csproj Modules/Guard/Blux.Modules.Guard.Contracts/
COPY Modules/Guard/Blux.Modules.Guard/Blux.Modules.Guard.csproj Modules/Guard/Blux.Modules.Guard/
COPY Modules/Lite/Blux.Modules.Lite.Contracts/Blux.Modules.Lite.Contracts.csproj Modules/Lite/Blux.Modules.Lite.Contracts/
COPY Modules/Lite/Blux.Modules.Lite/Blux.Modules.Lite.csproj Modules/Lite/Blux.Modules.Lite/
COPY Modules/Reg/Blux.Modules.Reg.Contracts/Blux.Modules.Reg.Contracts.csproj Modules/Reg/Blux.Modules.Reg.Contracts/
COPY Modules/Reg/Blux.Modules.Reg/Blux.Modules.Reg.csproj Modules/Reg/Blux.Modules.Reg/
COPY Blux.Host/Blux.Host.csproj Blux.Host/
RUN dotnet restore Blux.Host/Blux.Host.csproj
COPY Blux.SharedKernel/ Blux.SharedKernel/
COPY Modules/ Modules/
COPY Blux.Host/ Blux.Host/
RUN dotnet publish Blux.Host/Blux.Host.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The volume's mount point belongs to the image's non-root user (app, $APP_UID), so a new named
# volume is created writable for it.
RUN mkdir -p /var/lib/blux/data /var/lib/blux/logs && chown -R "$APP_UID" /var/lib/blux && chmod -R 700 /var/lib/blux
# One setting per ENV line: the published-output test starts Blux with exactly these.
ENV BLUX_ENV=production
ENV BLUX_DATA_PATH=/var/lib/blux/data
ENV BLUX_LOG_PATH=/var/lib/blux/logs
ENV Blux__Listen=http://0.0.0.0:8080
ENV ASPNETCORE_HTTP_PORTS=
VOLUME /var/lib/blux
EXPOSE 8080
USER $APP_UID
# The runtime image has no curl: Blux probes its own /health.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["dotnet", "/app/Blux.Host.dll", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/app/Blux.Host.dll"]
