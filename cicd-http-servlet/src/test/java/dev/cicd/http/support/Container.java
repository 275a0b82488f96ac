package dev.cicd.http.support;

import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * The real servlet containers the tests run in, on ephemeral ports of 127.0.0.1. The dashboard
 * servlet is mounted at {@code /app/cicd/*} (context {@code /app}) and the optional webhook servlet
 * at {@code /app/hooks/*}, both with async support.
 */
public enum Container {
  JETTY {
    @Override
    public RunningServer start(HttpServlet dashboard, @Nullable HttpServlet webhooks) throws Exception {
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      connector.setIdleTimeout(5_000);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/app");
      ServletHolder holder = new ServletHolder(dashboard);
      holder.setAsyncSupported(true);
      holder.setInitOrder(1);
      context.addServlet(holder, "/cicd/*");
      if (webhooks != null) {
        context.addServlet(new ServletHolder(webhooks), "/hooks/*");
      }
      server.setHandler(context);
      server.start();
      return new RunningServer(connector.getLocalPort(), server::stop);
    }
  },
  TOMCAT {
    @Override
    public RunningServer start(HttpServlet dashboard, @Nullable HttpServlet webhooks) throws Exception {
      Path base = Files.createTempDirectory("tomcat");
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(base.toString());
      Connector connector = new Connector();
      connector.setPort(0);
      connector.setProperty("address", "127.0.0.1");
      connector.setProperty("connectionTimeout", "5000");
      tomcat.getService().addConnector(connector);
      tomcat.setConnector(connector);
      Context context = tomcat.addContext("/app", base.toString());
      Wrapper wrapper = Tomcat.addServlet(context, "cicd", dashboard);
      wrapper.setAsyncSupported(true);
      wrapper.setLoadOnStartup(1);
      context.addServletMappingDecoded("/cicd/*", "cicd");
      if (webhooks != null) {
        Tomcat.addServlet(context, "hooks", webhooks);
        context.addServletMappingDecoded("/hooks/*", "hooks");
      }
      tomcat.start();
      return new RunningServer(connector.getLocalPort(), () -> {
        tomcat.stop();
        tomcat.destroy();
      });
    }
  };

  public abstract RunningServer start(HttpServlet dashboard, @Nullable HttpServlet webhooks) throws Exception;
}
