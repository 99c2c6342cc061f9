"""The demo network, seeded above every app: it calls each app's seeder, no app calls it."""
