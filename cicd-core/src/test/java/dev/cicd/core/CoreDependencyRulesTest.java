package dev.cicd.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** cicd-core may use the JDK, slf4j-api and JSpecify annotations only. */
class CoreDependencyRulesTest {
  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.cicd.core");

  @Test
  @DisplayName("core classes depend only on the JDK, slf4j-api, JSpecify and core itself")
  void onlyAllowedDependencies() {
    classes().that().resideInAPackage("dev.cicd.core..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.annotation..", "org.slf4j", "org.jspecify.annotations", "dev.cicd.core..")
        .check(CORE);
  }

  @Test
  @DisplayName("classes named Abstract* are abstract")
  void abstractNames() {
    classes().that().haveSimpleNameStartingWith("Abstract")
        .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
        .allowEmptyShould(true)
        .check(CORE);
  }
}
